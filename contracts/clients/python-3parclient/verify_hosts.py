#!/usr/bin/env python3
"""verify_hosts.py -- drive the emulator's WSAPI with the real, unmodified
python-3parclient (hpe3parclient) through the host-side calls a Cinder-like
user makes (hosts, host sets, ports, VLUN attach/detach, QoS, flash cache),
and report PASS/FAIL per step.  Exit status: 0 if every step passed, 1
otherwise.

Usage:
    python3 contracts/clients/python-3parclient/verify_hosts.py \
        [http://127.0.0.1:8080/api/v1] [--user 3paradm] [--password 3pardata] \
        [--prefix HV] [--timeout 30] [--debug]

The script needs the emulator: it starts with POST /_emulator/reset and logs
initiators into array ports through POST/DELETE /_emulator/logins (active
VLUN rows exist only for logged-in initiators).  The default fixture's CPG
FC_r1 and domain DOMAIN_A are used; FC host ports are 0:1:1 0:1:2 1:1:1
1:1:2, iSCSI ports 0:2:1 0:2:2 1:2:1 1:2:2 (10.10.1.11 .. 10.10.1.14).

Covered: createHost (FC with colon WWNs, FC Cinder-style without colons,
iSCSI, domain/persona/descriptors), getHost / getHosts, queryHost by wwns /
iqns / both, modifyHost (path add/remove, rename, persona, descriptors, CHAP
add/remove) and the documented host errors; host sets (create / get / list /
findHostSet / add / remove / rename / comment / delete and their errors);
ports (getPorts and the protocol filters); a Cinder-like FC attach/detach
cycle (with path removal / persona change refused while exported,
forcePathRemoval, and a re-added WWN picking up the export again), an iSCSI
multipath cycle with matched-set VLUNs, a vvset-to-hostset export, active
rows following initiator logins/logouts, and the VLUN errors; QoS rules on a
volume set; the flash cache.

Expectations come from the client's code and docstrings, from the upstream
functional tests of hpe-storage/python-3parclient (test_HPE3ParClient_host.py,
_HostSet.py, _VLUN.py, _ports.py, _volume.py) and from what a real array
answers:
    EXISTENT_HOST=16 (409), NON_EXISTENT_HOST=17 (404, "host does not
    exist", asserted by test_bogus_host), EXISTENT_LUN=18 (409, "LUN
    exists", real-array Cinder log), NON_EXISTENT_VLUN=19 (404),
    NON_EXISTENT_VOL=23 (404), EXPORTED_VLUN=26 (409, "has exported VLUN",
    asserted by test_crud_host_*), IN_USE=34 (409), INV_INPUT_PARAM_CONFLICT
    =44 (400, "invalid input: parameters cannot be present at the same
    time", asserted by test_modify_param_conflict), EXISTENT_PATH=73 (409),
    HOST_IN_SET=77 (409, "host is a member of a set", asserted),
    NON_EXISTENT_PATH=80 (the upstream tests expect HTTPNotFound although
    the modifyHost docstring says HTTPBadRequest), NON_EXISTENT_QOS_RULE=100
    (404), EXISTENT_SET=101 (409), NON_EXISTENT_SET=102 (404),
    EXISTENT_QOS_RULE=114 (400), NON_EXISTENT_FLASH_CACHE=285 (404, upstream
    comment "Not found (HTTP 404) 285 - Flash cache does not exist").
    Wire enums: VLUN type HOST=3 MATCHED_SET=4 HOST_SET=5; port protocol
    FC=1 iSCSI=2 IP=4; linkState READY=4; persona 2 = Generic-ALUA (the
    3.1.3+ default); QoS target type vvset=1.

Notes on client behaviour that shape this script (see client.py / http.py):
  * createHost() and createVolumeSet() return the response BODY (None on an
    empty 201).  createHostSet() returns Location.rsplit('/api/v1/hostsets/')
    [-1], so the array must send a Location naming the set.  createVLUN()
    returns headers['location'].replace('/api/v1/vluns/', ''): the Location
    must be the path (not an absolute URL), giving "vol,lun,host[,n:s:p]";
    Cinder parses it with split(',') (lun = [1], host = [2], nsp = [3]).
  * queryHost() sends GET /hosts?query="FCPaths[wwn==A OR wwn==B] OR
    iSCSIPaths[name==X]" (quoted and percent-encoded).  Cinder passes the
    connector's WWPNs: lower case without colons, so WWN matching must be
    case-insensitive.
  * getHostVLUNs() first GETs /hosts/<name> (a 404 there is the answer for
    an unknown host), then GET /vluns?query="hostname EQ <name>" (this
    emulator's build is above HPE3PAR_WS_MIN_BUILD_VERSION_VLUN_QUERY); an
    empty member list is turned by the CLIENT into HTTPNotFound with code
    'NON_EXISTENT_VLUNS'.  getVLUN() uses "volumeName EQ <vol>" and returns
    the first member, or a client-side HTTPNotFound 'NON_EXISTENT_VLUN'.
  * Cinder's delete_vlun() deletes only the templates (active == False) and
    passes port=vlun['portPos'] when the template has a portPos, so a
    host-sees template (type 3) must NOT carry portPos while a matched-set
    template (type 4) must.  It then matches active rows' remoteName.lower()
    against the connector WWPNs / iqn.
  * deleteVLUN() DELETEs /vluns/<vol>,<lun>[,<host>][,<n:s:p>] with the port
    built from port['node'], port['slot'], port['cardPort'].
  * findHostSet() without SSH lists GET /hostsets and scans setmembers;
    add/removeHostToHostSet are PUT /hostsets/<n> {"action": 1|2,
    "setmembers": [host]}; modifyHostSet drops falsy fields.
  * findHost() works only over SSH (createhost via the CLI) -- not covered.
  * getPorts() merges CLI data only when SSH is set up; getFCPorts/
    getiSCSIPorts/getIPPorts filter getPorts() on protocol 1/2/4 (and
    linkState when a state is given).
  * queryQoSRule/modifyQoSRules/deleteQoSRules address /qos/vvset:<name>;
    createQoSRules POSTs /qos {"name", "type": 1, ...rules}.
  * createFlashCache() POSTs to '/' -- i.e. <api>/ with a trailing slash --
    {"flashCache": {"sizeGiB": n, "mode": m}}; deleteFlashCache() DELETEs
    /flashcache.
  * Every 401 AND 403 answer makes the client log in again and repeat the
    request once (the "re-logins" note counts them).

Expectations that rest on array documentation rather than on the upstream
tests: modifyHost's docstring lists EXPORTED_VLUN (409/26) for "Setting
persona with active export; remove a host path on an active export", its
forcePathRemoval member exists to override the latter, and the InForm OS
Concepts Guide says WWNs cannot be removed from a host while a LUN is
exported to it, and that a WWN added to a host gets the host's host-sees
exports.  An active VLUN pairs one VV with one LUN, so a vvset exported to a
host set shows up as one active row per member volume (with distinct LUNs,
the first one being the template's LUN) -- never as a row named "set:...".
"""

import json
import re
import sys
import uuid

from hpe3parclient import exceptions as hpeexc  # noqa: E402

from verify_common import (  # noqa: E402
    Control, caching, close_client, control_step, describe_exc,
    expect_error, finish, fresh_client, note, parse_args,
    print_client_version, quiet_tls_warnings, record, short, step)

VLUN_HOST, VLUN_MATCHED_SET, VLUN_HOST_SET = 3, 4, 5
PROTO_FC, PROTO_ISCSI, PROTO_IP = 1, 2, 4
LINK_READY = 4
PERSONA_GENERIC_ALUA = 2
FC_PORTS = ['0:1:1', '0:1:2', '1:1:1', '1:1:2']
ISCSI_PORTS = {'0:2:1': '10.10.1.11', '0:2:2': '10.10.1.12',
               '1:2:1': '10.10.1.13', '1:2:2': '10.10.1.14'}
HEX16_RE = re.compile(r'^[0-9A-F]{16}$')


def nsp(pos):
    """portPos dict -> 'n:s:p' (Cinder's build_nsp)."""
    if not isinstance(pos, dict):
        return None
    return '%s:%s:%s' % (pos.get('node'), pos.get('slot'), pos.get('cardPort'))


def port_pos(text):
    """'n:s:p' -> portPos dict (Cinder's build_portPos)."""
    n, s, p = text.split(':')
    return {'node': int(n), 'slot': int(s), 'cardPort': int(p)}


def names_of(body):
    return [m.get('name') for m in (body or {}).get('members', [])]


def main():
    args = parse_args(__doc__, prefix_help='object name prefix (default: HV + 4 random hex chars)')

    url = args.url.rstrip('/')
    rnd = uuid.uuid4().hex[:4].upper()
    P = args.prefix or ('HV' + rnd)
    hx = rnd.lower()   # WWN / iqn uniqueness

    def wwn(n):
        """lower-case, colon-separated WWN, distinct per run and per n."""
        return '10:00:00:00:%s:%s:%02x:%02x' % (hx[:2], hx[2:4], 0xa0 + n, n)

    def bare(w):
        return w.replace(':', '')

    print_client_version()
    print('target %s, user %s, name prefix %s' % (url, args.user, P))
    quiet_tls_warnings()

    ctl = Control(url, min(args.timeout, 10))

    def ctl_step(name, method, path, body, want_status=200, check=None):
        return control_step(name, ctl, method, path, body, want_status, check)

    def login_initiator(initiator, pos, ip=None):
        body = {'initiator': initiator, 'portPos': pos}
        if ip:
            body['ipAddr'] = ip
        return ctl_step('log %s into %s%s' % (initiator, pos, ' from %s' % ip if ip else ''),
                        'POST', '/logins', body)

    def logout_initiator(initiator):
        return ctl_step('log %s out of every port' % initiator, 'DELETE', '/logins',
                        {'initiator': initiator})

    # ------------------------------------------------------------------ #
    # 0. clean start
    cl, reauths = fresh_client(ctl, url, args)
    if cl is None:
        return finish()
    record(cl.vlun_query_supported, 'client uses VLUN queries (WSAPI build >= %d)'
           % cl.HPE3PAR_WS_MIN_BUILD_VERSION_VLUN_QUERY,
           'vlun_query_supported=%r' % cl.vlun_query_supported)

    cache = {}
    geth = caching(cl.getHost, cache)

    def fc_wwns(h):
        return sorted(p.get('wwn') for p in (h or {}).get('FCPaths') or [])

    def iscsi_names(h):
        return sorted(p.get('name') for p in (h or {}).get('iSCSIPaths') or [])

    def fields(**want):
        """check(body): body[k] == v for every k."""
        def _c(b):
            problems, seen = [], {}
            for k, v in want.items():
                got = (b or {}).get(k, '<absent>')
                seen[k] = got
                if got != v:
                    problems.append('%s=%r, expected %r' % (k, got, v))
            if problems:
                return False, '; '.join(problems)
            return True, 'saw ' + short(seen, 400)
        return _c

    # ================================================================== #
    # 1. Hosts
    hfc, his, hfc2 = P + '_fc', P + '_is', P + '_fc2'
    W1, W2, W3, W4 = wwn(1), wwn(2), wwn(3), wwn(4)
    IQN1 = 'iqn.1993-08.org.debian:01:%s0001' % hx
    IQN2 = 'iqn.1993-08.org.debian:01:%s0002' % hx

    step('createHost(%s, FCWwns=[%s, %s]) (lower case, colons, no optional)'
         % (hfc, W1, W2),
         lambda: cl.createHost(hfc, None, [W1, W2]))

    def fc_host_check(b):
        ok, detail = fields(name=hfc, persona=PERSONA_GENERIC_ALUA)(b)
        got = fc_wwns(b)
        want = sorted([bare(W1).upper(), bare(W2).upper()])
        ok = ok and got == want and isinstance(b.get('id'), int)
        return ok, '%s; FCPaths wwns=%s (want %s upper case without colons); id=%r; iSCSIPaths=%s' % (
            detail, got, want, b.get('id'), short(b.get('iSCSIPaths')))
    step('getHost(%s): FCPaths wwn upper case, persona 2 (Generic-ALUA default)' % hfc,
         lambda: geth(hfc), fc_host_check)

    iopt = {'domain': 'DOMAIN_A', 'persona': 11,
            'descriptors': {'location': 'rack 7', 'os': 'ESXi', 'model': 'DL380',
                            'contact': 'Smith', 'comment': "Joe's box",
                            'IPAddr': '10.20.0.9'}}
    step('createHost(%s, iscsiNames=[%s], optional=%s)' % (his, IQN1, short(iopt)),
         lambda: cl.createHost(his, [IQN1], None, json.loads(json.dumps(iopt))))

    def is_host_check(b):
        ok, detail = fields(name=his, domain='DOMAIN_A', persona=11)(b)
        d = b.get('descriptors') or {}
        bad = dict((k, d.get(k)) for k, v in iopt['descriptors'].items() if d.get(k) != v)
        names = iscsi_names(b)
        ok = ok and not bad and names == [IQN1] and not fc_wwns(b)
        return ok, '%s; iSCSIPaths names=%s; descriptors=%s; mismatched descriptors=%s' % (
            detail, names, short(d), bad)
    step('getHost(%s): domain, persona 11, descriptors, iSCSIPaths' % his,
         lambda: geth(his), is_host_check)

    def hosts_check(b):
        names = names_of(b)
        ok = (b.get('total') == len(b.get('members', [])) and hfc in names and his in names)
        return ok, 'total=%r, members=%d, names=%s' % (b.get('total'), len(b.get('members', [])), names)
    step('getHosts() lists both', cl.getHosts, hosts_check)

    def query_check(want_names):
        def _c(b):
            names = sorted(names_of(b))
            return (b.get('total') == len(want_names) and names == sorted(want_names),
                    'total=%r names=%s, want %s' % (b.get('total'), names, sorted(want_names)))
        return _c
    step('queryHost(wwns=[%s]) (Cinder style: lower case, no colons)' % bare(W1),
         lambda: cl.queryHost(wwns=[bare(W1)]), query_check([hfc]))
    step('queryHost(wwns=[%s]) (upper case, as upstream test_5_query_host_wwn)' % bare(W2).upper(),
         lambda: cl.queryHost(wwns=[bare(W2).upper()]), query_check([hfc]))
    step('queryHost(wwns=[%s, %s]) (two WWNs of one host -> one member)' % (bare(W1), bare(W2)),
         lambda: cl.queryHost(wwns=[bare(W1), bare(W2)]), query_check([hfc]))
    step('queryHost(iqns=[%s])' % IQN1, lambda: cl.queryHost(iqns=[IQN1]), query_check([his]))
    step('queryHost(iqns=[%s], wwns=[%s]) (test_5_query_host_iqn_and_wwn)' % (IQN1, bare(W1)),
         lambda: cl.queryHost(iqns=[IQN1], wwns=[bare(W1)]), query_check([hfc, his]))
    step('queryHost(wwns=[%s]) unknown WWN -> empty' % bare(W4),
         lambda: cl.queryHost(wwns=[bare(W4)]), query_check([]))

    # modifyHost: paths
    step('modifyHost(%s, pathOperation 1 add FCWWNs [%s])' % (hfc, W3),
         lambda: cl.modifyHost(hfc, {'pathOperation': 1, 'FCWWNs': [W3]}))
    step('getHost(%s): three FC paths' % hfc, lambda: geth(hfc),
         lambda b: (fc_wwns(b) == sorted(bare(w).upper() for w in (W1, W2, W3)),
                    'FCPaths wwns=%s' % fc_wwns(b)))
    step('modifyHost(%s, pathOperation 2 remove FCWWNs [%s])' % (hfc, W3),
         lambda: cl.modifyHost(hfc, {'pathOperation': 2, 'FCWWNs': [W3]}))
    step('getHost(%s): back to two FC paths' % hfc, lambda: geth(hfc),
         lambda b: (fc_wwns(b) == sorted(bare(w).upper() for w in (W1, W2)),
                    'FCPaths wwns=%s' % fc_wwns(b)))
    step('modifyHost(%s, pathOperation 1 add iSCSINames [%s])' % (his, IQN2),
         lambda: cl.modifyHost(his, {'pathOperation': 1, 'iSCSINames': [IQN2]}))
    step('getHost(%s): two iSCSI paths' % his, lambda: geth(his),
         lambda b: (iscsi_names(b) == sorted([IQN1, IQN2]), 'iSCSIPaths names=%s' % iscsi_names(b)))
    step('modifyHost(%s, pathOperation 2 remove iSCSINames [%s])' % (his, IQN2),
         lambda: cl.modifyHost(his, {'pathOperation': 2, 'iSCSINames': [IQN2]}))
    step('getHost(%s): one iSCSI path' % his, lambda: geth(his),
         lambda b: (iscsi_names(b) == [IQN1], 'iSCSIPaths names=%s' % iscsi_names(b)))

    # modifyHost: rename, persona, descriptors
    step("modifyHost(%s, {'newName': %s})" % (hfc, hfc2),
         lambda: cl.modifyHost(hfc, {'newName': hfc2}))
    step('getHost(%s) after the rename keeps the paths' % hfc2, lambda: geth(hfc2),
         lambda b: (b.get('name') == hfc2 and fc_wwns(b) == sorted(bare(w).upper() for w in (W1, W2)),
                    'name=%r FCPaths wwns=%s' % (b.get('name'), fc_wwns(b))))
    expect_error('getHost(%s) old name after the rename' % hfc,
                 lambda: cl.getHost(hfc), hpeexc.HTTPNotFound, 404, 17)
    step("modifyHost(%s, {'persona': 11})" % hfc2, lambda: cl.modifyHost(hfc2, {'persona': 11}))
    step('getHost(%s): persona 11' % hfc2, lambda: geth(hfc2), fields(persona=11))
    new_desc = {'location': 'row 3', 'comment': 'moved'}
    step('modifyHost(%s, {descriptors: %s})' % (hfc2, short(new_desc)),
         lambda: cl.modifyHost(hfc2, {'descriptors': dict(new_desc)}))
    step('getHost(%s): descriptors location/comment set' % hfc2, lambda: geth(hfc2),
         lambda b: (all((b.get('descriptors') or {}).get(k) == v for k, v in new_desc.items()),
                    'descriptors=%s' % short(b.get('descriptors'))))

    # modifyHost: CHAP the way Cinder's iSCSI driver sets it
    chap_secret = 'Ab3dEf6hIj9lMn0p'   # 16 characters (volume_utils.generate_password(16))
    chap_req = {'chapOperation': cl.HOST_EDIT_ADD,
                'chapOperationMode': cl.CHAP_INITIATOR,
                'chapName': his, 'chapSecret': chap_secret}
    step('modifyHost(%s, CHAP add: chapOperation 1, chapOperationMode 1, chapName, 16-char secret)' % his,
         lambda: cl.modifyHost(his, dict(chap_req)))

    def chap_check(b):
        ok = b.get('initiatorChapEnabled') is True and b.get('initiatorChapName') == his
        leaked = [k for k, v in b.items() if v == chap_secret]
        ok = ok and not leaked
        return ok, ('initiatorChapEnabled=%r initiatorChapName=%r targetChapEnabled=%r; '
                    'fields holding the clear secret: %s' % (
                        b.get('initiatorChapEnabled'), b.get('initiatorChapName'),
                        b.get('targetChapEnabled'), leaked))
    step('getHost(%s): initiator CHAP enabled, name set, secret not echoed' % his,
         lambda: geth(his), chap_check)
    expect_error('modifyHost(%s, CHAP add with a 10-char secret)' % his,
                 lambda: cl.modifyHost(his, dict(chap_req, chapSecret='shortsecr1')),
                 hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_BAD_LENGTH: ASCII secret must be 12 to 16 characters')
    step('modifyHost(%s, CHAP remove: chapOperation 2, chapOperationMode 1)' % his,
         lambda: cl.modifyHost(his, {'chapOperation': cl.HOST_EDIT_REMOVE,
                                     'chapOperationMode': cl.CHAP_INITIATOR}))
    step('getHost(%s): initiator CHAP disabled' % his, lambda: geth(his),
         lambda b: (b.get('initiatorChapEnabled') is False,
                    'initiatorChapEnabled=%r initiatorChapName=%r'
                    % (b.get('initiatorChapEnabled'), b.get('initiatorChapName'))))

    # host errors
    expect_error('createHost(%s, iscsiNames and FCWwns together)' % (P + '_bad'),
                 lambda: cl.createHost(P + '_bad', [IQN2], [W4]),
                 hpeexc.HTTPBadRequest, 400, 44, why='INV_INPUT_PARAM_CONFLICT')
    expect_error('createHost(%s) duplicate name' % his,
                 lambda: cl.createHost(his, None, [W4]),
                 hpeexc.HTTPConflict, 409, 16, why='EXISTENT_HOST')
    expect_error('createHost(%s, FCWwns=[%s]) WWN owned by %s' % (P + '_dupw', W1, hfc2),
                 lambda: cl.createHost(P + '_dupw', None, [W1]),
                 hpeexc.HTTPConflict, 409, 73, why='EXISTENT_PATH')
    expect_error('createHost(%s, iscsiNames=[%s]) iqn owned by %s' % (P + '_dupi', IQN1, his),
                 lambda: cl.createHost(P + '_dupi', [IQN1]),
                 hpeexc.HTTPConflict, 409, 73, why='EXISTENT_PATH')
    expect_error('modifyHost(%s, add FCWWNs [%s]) owned by another host' % (his, W1),
                 lambda: cl.modifyHost(his, {'pathOperation': 1, 'FCWWNs': [W1]}),
                 hpeexc.HTTPConflict, 409, why='EXISTENT_PATH (or a conflict: FC path on an iSCSI host)')
    expect_error('modifyHost(%s, remove FCWWNs [%s]) the host lacks' % (hfc2, W4),
                 lambda: cl.modifyHost(hfc2, {'pathOperation': 2, 'FCWWNs': [W4]}),
                 hpeexc.HTTPNotFound, 404, 80, why='NON_EXISTENT_PATH; test_4_modify_host_nonExistent_path_fc')
    expect_error('modifyHost(%s, remove iSCSINames [%s]) the host lacks' % (his, IQN2),
                 lambda: cl.modifyHost(his, {'pathOperation': 2, 'iSCSINames': [IQN2]}),
                 hpeexc.HTTPNotFound, 404, 80, why='NON_EXISTENT_PATH; test_4_modify_host_nonExistent_path_iSCSI')
    expect_error("modifyHost(%s, {'FCWWNs': [...]}) without pathOperation" % hfc2,
                 lambda: cl.modifyHost(hfc2, {'FCWWNs': [W4]}),
                 hpeexc.HTTPBadRequest, 400, why='test_4_modify_host_pathOperation_missing1')
    expect_error("modifyHost(%s, {'pathOperation': 1}) without paths" % hfc2,
                 lambda: cl.modifyHost(hfc2, {'pathOperation': 1}),
                 hpeexc.HTTPBadRequest, 400, why='test_4_modify_host_pathOperationOnly')
    expect_error("modifyHost(%s, {'newName': %s}) name taken" % (hfc2, his),
                 lambda: cl.modifyHost(hfc2, {'newName': his}),
                 hpeexc.HTTPConflict, 409, 16, why='EXISTENT_HOST; test_4_modify_host_dup_newName')
    expect_error("modifyHost(%s) unknown host" % (P + '_nx'),
                 lambda: cl.modifyHost(P + '_nx', {'newName': P + '_nx2'}),
                 hpeexc.HTTPNotFound, 404, 17)
    expect_error('createHost(%s, FCWwns=[00:00:00:00:00:00:00]) 14-digit WWN' % (P + '_ww'),
                 lambda: cl.createHost(P + '_ww', None, ['00:00:00:00:00:00:00']),
                 hpeexc.HTTPBadRequest, 400, why='INV_INPUT_WRONG_TYPE; test_1_create_host_wrong_type')
    expect_error("createHost(%s, optional={'domain': ''})" % (P + '_ed'),
                 lambda: cl.createHost(P + '_ed', None, None, {'domain': ''}),
                 hpeexc.HTTPBadRequest, 400, why='INV_INPUT_EMPTY_STR; test_1_create_host_empty_domain')
    expect_error('getHost(B&dHostName)', lambda: cl.getHost('B&dHostName'),
                 hpeexc.HTTPBadRequest, 400, why='INV_INPUT_ILLEGAL_CHAR; test_3_get_host_illegal')
    expect_error('getHost(%s) unknown' % (P + '_nx'), lambda: cl.getHost(P + '_nx'),
                 hpeexc.HTTPNotFound, 404, 17)
    expect_error('deleteHost(%s) unknown' % (P + '_nx'), lambda: cl.deleteHost(P + '_nx'),
                 hpeexc.HTTPNotFound, 404, 17, desc='host does not exist')
    note('findHost() creates a host through the CLI over SSH; not covered (no SSH)')

    # ================================================================== #
    # 2. Host sets
    hs1, hs2, hs3 = P + '_HS1', P + '_HS2', P + '_HS3'
    step("createHostSet(%s, comment='first', setmembers=[%s]) returns the set name" % (hs1, hfc2),
         lambda: cl.createHostSet(hs1, comment='first', setmembers=[hfc2]),
         lambda r: (r == hs1, 'want %r (Location .../api/v1/hostsets/<name>)' % hs1))
    hset = step('getHostSet(%s)' % hs1, lambda: cl.getHostSet(hs1),
                lambda b: (b.get('name') == hs1 and b.get('setmembers') == [hfc2]
                           and b.get('comment') == 'first' and isinstance(b.get('id'), int),
                           'name=%r setmembers=%r comment=%r id=%r' % (
                               b.get('name'), b.get('setmembers'), b.get('comment'), b.get('id'))))
    step('getHostSets() contains exactly the getHostSet(%s) dict (test_crud_host_with_host_set)' % hs1,
         cl.getHostSets,
         lambda b: (hset is not None and hset in b.get('members', [])
                    and b.get('total') == len(b.get('members', [])),
                    'total=%r names=%s' % (b.get('total'), names_of(b))))
    step('findHostSet(%s) (no SSH: scans GET /hostsets)' % hfc2,
         lambda: cl.findHostSet(hfc2), lambda r: (r == hs1, 'want %r' % hs1))
    step('findHostSet(%s) host in no set -> None' % his,
         lambda: cl.findHostSet(his), lambda r: (r is None, 'want None'))
    expect_error('addHostToHostSet(%s, %s): a DOMAIN_A host into a set without a domain' % (hs1, his),
                 lambda: cl.addHostToHostSet(hs1, his), hpeexc.HTTPConflict, 409,
                 why='MEMBER_NOT_IN_SAME_DOMAIN (createHostSet/modifyHostSet docstrings: HTTPConflict)')
    h3 = P + '_h3'
    step('createHost(%s) without paths (as test_modify)' % h3, lambda: cl.createHost(h3))
    step('addHostToHostSet(%s, %s)' % (hs1, h3), lambda: cl.addHostToHostSet(hs1, h3))
    step('getHostSet(%s): members in order [%s, %s]' % (hs1, hfc2, h3), lambda: cl.getHostSet(hs1),
         lambda b: (b.get('setmembers') == [hfc2, h3], 'setmembers=%r' % b.get('setmembers')))

    def add_again():
        try:
            cl.addHostToHostSet(hs1, h3)
            outcome = 'accepted'
        except hpeexc.HTTPConflict as ex:
            outcome = 'HTTPConflict %s %r' % (ex.get_code(), ex.get_description())
        return outcome, cl.getHostSet(hs1).get('setmembers')
    step('addHostToHostSet(%s, %s) again: 409 MEMBER_IN_SET or no-op, never a duplicate' % (hs1, h3),
         add_again, lambda r: (r[1] == [hfc2, h3], '%s; setmembers=%r' % r))
    step('findHostSet(%s)' % h3, lambda: cl.findHostSet(h3), lambda r: (r == hs1, 'want %r' % hs1))
    step('removeHostFromHostSet(%s, %s)' % (hs1, h3), lambda: cl.removeHostFromHostSet(hs1, h3))
    step('getHostSet(%s): members [%s]' % (hs1, hfc2), lambda: cl.getHostSet(hs1),
         lambda b: (b.get('setmembers') == [hfc2], 'setmembers=%r' % b.get('setmembers')))
    expect_error('removeHostFromHostSet(%s, %s) not a member' % (hs1, h3),
                 lambda: cl.removeHostFromHostSet(hs1, h3), hpeexc.HTTPNotFound, 404,
                 why='MEMBER_NOT_IN_SET (docstring: HTTPNotFound)')
    step('deleteHost(%s)' % h3, lambda: cl.deleteHost(h3))
    step('modifyHostSet(%s, newName=%s)' % (hs1, hs2), lambda: cl.modifyHostSet(hs1, newName=hs2))
    expect_error('getHostSet(%s) after the rename' % hs1, lambda: cl.getHostSet(hs1),
                 hpeexc.HTTPNotFound, 404, 102)
    step("modifyHostSet(%s, comment='new comment')" % hs2,
         lambda: cl.modifyHostSet(hs2, comment='new comment'))
    step('getHostSet(%s): renamed, new comment, members kept' % hs2, lambda: cl.getHostSet(hs2),
         lambda b: (b.get('name') == hs2 and b.get('comment') == 'new comment'
                    and b.get('setmembers') == [hfc2],
                    'name=%r comment=%r setmembers=%r' % (b.get('name'), b.get('comment'),
                                                          b.get('setmembers'))))
    step('findHostSet(%s) follows the rename' % hfc2, lambda: cl.findHostSet(hfc2),
         lambda r: (r == hs2, 'want %r' % hs2))
    expect_error('createHostSet(%s) duplicate' % hs2, lambda: cl.createHostSet(hs2),
                 hpeexc.HTTPConflict, 409, 101, why='EXISTENT_SET; test_duplicate_host_set_name')
    expect_error('addHostToHostSet(%s, bogushost)' % hs2,
                 lambda: cl.addHostToHostSet(hs2, 'bogushost'), hpeexc.HTTPNotFound, 404, 17,
                 desc='host does not exist', why='test_bogus_host')
    expect_error('modifyHostSet(%s, 1, %s, comment, setmembers=[bogushost])' % (hs2, hs3),
                 lambda: cl.modifyHostSet(hs2, 1, hs3, 'new comment', setmembers=['bogushost']),
                 hpeexc.HTTPBadRequest, 400, 44,
                 desc='invalid input: parameters cannot be present at the same time',
                 why='test_modify_param_conflict')
    expect_error('deleteHost(%s) while a member of %s' % (hfc2, hs2),
                 lambda: cl.deleteHost(hfc2), hpeexc.HTTPConflict, 409, 77,
                 desc='host is a member of a set', why='HOST_IN_SET; test_crud_host_with_host_set')
    long_hs = P + '_HOST_SET_NAME_IS_TOOOOOOOOOO_LONG'
    expect_error('createHostSet(%s) name longer than 31' % long_hs,
                 lambda: cl.createHostSet(long_hs), hpeexc.HTTPBadRequest, 400,
                 desc='invalid input: string length exceeds limit', why='test_host_set_name_too_long')
    expect_error('getHostSet(HostSet-!nval!d)', lambda: cl.getHostSet('HostSet-!nval!d'),
                 hpeexc.HTTPBadRequest, 400, desc='illegal character in input',
                 why='test_host_set_name_invalid')
    expect_error('getHostSet(%s) unknown' % hs3, lambda: cl.getHostSet(hs3),
                 hpeexc.HTTPNotFound, 404, 102)
    step('removeHostFromItsHostSet(%s) (findHostSet + remove)' % hfc2,
         lambda: cl.removeHostFromItsHostSet(hfc2), lambda r: (r is not None, 'want (headers, body), not None'))
    step('getHostSet(%s): empty' % hs2, lambda: cl.getHostSet(hs2),
         lambda b: (not b.get('setmembers'), 'setmembers=%r' % b.get('setmembers')))
    step('deleteHostSet(%s)' % hs2, lambda: cl.deleteHostSet(hs2))
    expect_error('getHostSet(%s) after delete' % hs2, lambda: cl.getHostSet(hs2),
                 hpeexc.HTTPNotFound, 404, 102)
    expect_error('deleteHostSet(%s) again' % hs2, lambda: cl.deleteHostSet(hs2),
                 hpeexc.HTTPNotFound, 404, 102)
    step('deleteHost(%s) once out of the set' % hfc2, lambda: cl.deleteHost(hfc2))
    step('deleteHost(%s)' % his, lambda: cl.deleteHost(his))
    expect_error('getHost(%s) after delete' % his, lambda: cl.getHost(his), hpeexc.HTTPNotFound, 404, 17)

    # ================================================================== #
    # 3. Ports
    def ports_check(b):
        members = b.get('members', [])
        missing = [nsp(m.get('portPos')) for m in members
                   if not all(k in m for k in ('portPos', 'protocol', 'linkState', 'mode', 'type'))]
        ok = b.get('total') == len(members) and len(members) > 0 and not missing
        return ok, 'total=%r members=%d; members lacking portPos/protocol/linkState/mode/type: %s; protocols=%s' % (
            b.get('total'), len(members), missing,
            sorted(set(m.get('protocol') for m in members)))
    step('getPorts(): total == len(members), every port has portPos/protocol/linkState/mode/type',
         cl.getPorts, ports_check)

    def fc_ports_check(r):
        pos = sorted(nsp(p.get('portPos')) for p in r)
        bad = [nsp(p.get('portPos')) for p in r if p.get('protocol') != PROTO_FC]
        badwwn = [nsp(p.get('portPos')) for p in r if not HEX16_RE.match(str(p.get('portWWN', '')))]
        ok = pos == FC_PORTS and not bad and not badwwn
        return ok, 'ports=%s (want %s); non-FC=%s; without a 16-hex portWWN=%s' % (pos, FC_PORTS, bad, badwwn)
    step('getFCPorts(): protocol 1, the four FC host ports with portWWN', cl.getFCPorts, fc_ports_check)
    step('getFCPorts(4) (linkState READY, as test_get_ports_fc)', lambda: cl.getFCPorts(LINK_READY),
         lambda r: (len(r) > 0 and all(p.get('linkState') == LINK_READY and p.get('protocol') == PROTO_FC
                                      for p in r), 'ports=%s' % [nsp(p.get('portPos')) for p in r]))
    step('getFCPorts(): host ports are target mode (2) and READY, as Cinder filters them',
         cl.getFCPorts,
         lambda r: (all(p.get('mode') == 2 and p.get('linkState') == LINK_READY for p in r),
                    short([(nsp(p.get('portPos')), p.get('mode'), p.get('linkState')) for p in r])))

    def iscsi_ports_check(r):
        got = dict((nsp(p.get('portPos')), p) for p in r)
        problems = []
        if sorted(got) != sorted(ISCSI_PORTS):
            problems.append('ports %s, want %s' % (sorted(got), sorted(ISCSI_PORTS)))
        for pos, ip in ISCSI_PORTS.items():
            p = got.get(pos)
            if p is None:
                continue
            info = p.get('iSCSIPortInfo') or {}
            if p.get('protocol') != PROTO_ISCSI:
                problems.append('%s protocol=%r' % (pos, p.get('protocol')))
            if p.get('IPAddr') != ip:
                problems.append('%s IPAddr=%r want %r' % (pos, p.get('IPAddr'), ip))
            if not str(p.get('iSCSIName', '')).startswith('iqn.'):
                problems.append('%s iSCSIName=%r' % (pos, p.get('iSCSIName')))
            if info.get('vlan') not in (0, 1):
                problems.append('%s iSCSIPortInfo.vlan=%r (int 0/1 expected)' % (pos, info.get('vlan')))
            if info.get('IPAddr', ip) != ip or info.get('iSCSIName', p.get('iSCSIName')) != p.get('iSCSIName'):
                problems.append('%s iSCSIPortInfo disagrees with the port' % pos)
        names = [p.get('iSCSIName') for p in r]
        if len(set(names)) != len(names):
            problems.append('duplicate iSCSINames %s' % names)
        return not problems, ('; '.join(problems) or 'saw %s' % short(
            [(k, v.get('IPAddr'), v.get('iSCSIName'), (v.get('iSCSIPortInfo') or {}).get('vlan'))
             for k, v in sorted(got.items())], 600))
    step('getiSCSIPorts(): protocol 2, IPAddr / iSCSIName / iSCSIPortInfo.vlan',
         cl.getiSCSIPorts, iscsi_ports_check)
    step('getIPPorts(): at least one, all protocol 4 (test_get_ports_ip)', cl.getIPPorts,
         lambda r: (len(r) > 0 and all(p.get('protocol') == PROTO_IP for p in r),
                    'ports=%s' % [nsp(p.get('portPos')) for p in r]))

    # ================================================================== #
    # 4. VLUNs -- Cinder-like FC attach / detach
    vf, hf = P + '_vf', P + '_hf'
    F1, F2 = wwn(5), wwn(6)
    connector_wwpns = [bare(F1), bare(F2)]   # what os-brick hands Cinder
    login_initiator(F1, '0:1:1')
    login_initiator(F2, '1:1:1')
    step('createVolume(%s, FC_r1, 1024)' % vf, lambda: cl.createVolume(vf, 'FC_r1', 1024))
    step('queryHost(wwns=%s) before the host exists -> no members' % connector_wwpns,
         lambda: cl.queryHost(wwns=connector_wwpns),
         lambda b: (b.get('total') == 0 and b.get('members') == [],
                    'total=%r members=%s' % (b.get('total'), names_of(b))))
    step("createHost(%s, FCWwns=%s, optional={'persona': 2}) (Cinder's _create_3par_fibrechan_host)"
         % (hf, connector_wwpns),
         lambda: cl.createHost(hf, FCWwns=list(connector_wwpns), optional={'persona': 2}))
    step('queryHost(wwns=%s) now finds %s' % (connector_wwpns, hf),
         lambda: cl.queryHost(wwns=connector_wwpns), query_check([hf]))

    def logged_paths_check(b):
        got = dict((p.get('wwn'), nsp(p.get('portPos'))) for p in b.get('FCPaths') or [])
        want = {bare(F1).upper(): '0:1:1', bare(F2).upper(): '1:1:1'}
        return got == want, 'FCPaths wwn -> portPos %s, want %s' % (got, want)
    step('getHost(%s): FCPaths carry the ports the WWNs are logged into' % hf,
         lambda: geth(hf), logged_paths_check)

    loc = step('createVLUN(%s, hostname=%s, auto=True) returns "vol,lun,host"' % (vf, hf),
               lambda: cl.createVLUN(vf, hostname=hf, auto=True),
               lambda r: (isinstance(r, str) and len(r.split(',')) == 3
                          and r.split(',')[0] == vf and r.split(',')[2] == hf
                          and r.split(',')[1].isdigit(),
                          'location=%r' % r))
    lun_f = None
    if isinstance(loc, str) and len(loc.split(',')) >= 2:
        try:
            lun_f = int(loc.split(',')[1])   # Cinder: vlun_info['lun_id'] = int(vlun[1])
        except ValueError:
            lun_f = None
    record(lun_f is not None and 0 <= lun_f <= 16383, 'Cinder parses the LUN from the location',
           'location=%r -> lun_id=%r' % (loc, lun_f))
    if lun_f is None:
        lun_f = 0

    def host_vluns_check(b):
        templates = [v for v in b if not v.get('active')]
        active = [v for v in b if v.get('active')]
        problems = []
        if len(templates) != 1:
            problems.append('%d templates (active False), want 1' % len(templates))
        for t in templates:
            if t.get('type') != VLUN_HOST:
                problems.append('template type=%r want %d (HOST)' % (t.get('type'), VLUN_HOST))
            if 'portPos' in t:
                problems.append('host-sees template carries portPos %s: Cinder would pass it to '
                                'deleteVLUN as a port' % short(t.get('portPos')))
        got = sorted((v.get('remoteName'), nsp(v.get('portPos'))) for v in active)
        want = sorted([(bare(F1).upper(), '0:1:1'), (bare(F2).upper(), '1:1:1')])
        if got != want:
            problems.append('active (remoteName, portPos)=%s want %s' % (got, want))
        for v in b:
            if v.get('volumeName') != vf or v.get('hostname') != hf or v.get('lun') != lun_f:
                problems.append('row %s' % short(v, 200))
        # Cinder's delete_vlun: remoteName.lower() in connector wwpns
        if not all((v.get('remoteName') or '').lower() in connector_wwpns for v in active):
            problems.append('remoteName.lower() not among the connector wwpns')
        return not problems, '; '.join(problems) or '1 template + active %s, lun %d' % (got, lun_f)
    step('getHostVLUNs(%s): template + 2 active rows (remoteName upper-case WWN, portPos)' % hf,
         lambda: cl.getHostVLUNs(hf), host_vluns_check)
    step('getVLUN(%s): volumeName and lun' % vf, lambda: cl.getVLUN(vf),
         fields(volumeName=vf, lun=lun_f, hostname=hf))
    step('getVLUNs() lists the template and the active rows', cl.getVLUNs,
         lambda b: (len([v for v in b.get('members', []) if v.get('volumeName') == vf]) == 3
                    and b.get('total') == len(b.get('members', [])),
                    'rows for %s: %d; total=%r' % (vf, len([v for v in b.get('members', [])
                                                           if v.get('volumeName') == vf]), b.get('total'))))
    expect_error('createVLUN(%s, lun=%d, hostname=%s) the same VLUN again' % (vf, lun_f, hf),
                 lambda: cl.createVLUN(vf, lun=lun_f, hostname=hf), hpeexc.HTTPConflict, 409, 18,
                 why='EXISTENT_LUN "LUN exists" (real-array Cinder log)')
    removed = expect_error('modifyHost(%s, remove FCWWNs [%s]) while a VLUN is exported to the host' % (hf, bare(F1)),
                 lambda: cl.modifyHost(hf, {'pathOperation': 2, 'FCWWNs': [bare(F1)]}),
                 hpeexc.HTTPConflict, 409, 26,
                 why='EXPORTED_VLUN: "remove a host path on an active export" (modifyHost docstring); '
                     'Concepts Guide: WWNs cannot be removed from a host while a LUN is exported to it')
    if removed is None:
        note('the path was removed; adding it back so the rest of the cycle sees two paths')
        try:
            cl.modifyHost(hf, {'pathOperation': 1, 'FCWWNs': [bare(F1)]})
        except Exception as ex:  # noqa
            note('re-adding the path raised %s' % describe_exc(ex))
    changed = expect_error("modifyHost(%s, {'persona': 11}) while a VLUN is exported to the host" % hf,
                           lambda: cl.modifyHost(hf, {'persona': 11}), hpeexc.HTTPConflict, 409, 26,
                           why='EXPORTED_VLUN: "Setting persona with active export" (modifyHost docstring)')
    if changed is None:
        note('the persona was changed; setting it back to 2')
        try:
            cl.modifyHost(hf, {'persona': 2})
        except Exception as ex:  # noqa
            note('setting persona 2 raised %s' % describe_exc(ex))

    def active_of(r):
        return sorted((v.get('remoteName'), nsp(v.get('portPos'))) for v in r if v.get('active'))
    step("modifyHost(%s, remove FCWWNs [%s], forcePathRemoval True) while exported" % (hf, bare(F1)),
         lambda: cl.modifyHost(hf, {'pathOperation': 2, 'FCWWNs': [bare(F1)], 'forcePathRemoval': True}))
    step('getHostVLUNs(%s): the removed WWN lost its active row' % hf, lambda: cl.getHostVLUNs(hf),
         lambda r: (active_of(r) == [(bare(F2).upper(), '1:1:1')] and len(r) == 2,
                    'rows=%d active=%s' % (len(r), active_of(r))))
    step("modifyHost(%s, add FCWWNs [%s]) back" % (hf, bare(F1)),
         lambda: cl.modifyHost(hf, {'pathOperation': 1, 'FCWWNs': [bare(F1)]}))
    step('getHostVLUNs(%s): the host-sees template reaches the re-added WWN again' % hf,
         lambda: cl.getHostVLUNs(hf),
         lambda r: (active_of(r) == sorted([(bare(F1).upper(), '0:1:1'), (bare(F2).upper(), '1:1:1')]),
                    'active=%s (Concepts Guide: a WWN added to a host gets its host-sees exports)'
                    % active_of(r)))
    expect_error('deleteHost(%s) with an exported VLUN' % hf, lambda: cl.deleteHost(hf),
                 hpeexc.HTTPConflict, 409, 26, desc='has exported VLUN', why='EXPORTED_VLUN')
    expect_error('deleteVolume(%s) while exported' % vf, lambda: cl.deleteVolume(vf),
                 hpeexc.HTTPConflict, 409, 34, why='IN_USE')
    step('deleteVLUN(%s, %d, %s) (the template; active rows go with it)' % (vf, lun_f, hf),
         lambda: cl.deleteVLUN(vf, lun_f, hf))
    expect_error('getHostVLUNs(%s) after the delete -> client-side NON_EXISTENT_VLUNS' % hf,
                 lambda: cl.getHostVLUNs(hf), hpeexc.HTTPNotFound, 404, 'NON_EXISTENT_VLUNS',
                 why='server answers 200 with no members')
    expect_error('getVLUN(%s) after the delete -> client-side NON_EXISTENT_VLUN' % vf,
                 lambda: cl.getVLUN(vf), hpeexc.HTTPNotFound, 404, 'NON_EXISTENT_VLUN')
    expect_error('deleteVLUN(%s, %d, %s) again' % (vf, lun_f, hf),
                 lambda: cl.deleteVLUN(vf, lun_f, hf), hpeexc.HTTPNotFound, 404, 19,
                 why='NON_EXISTENT_VLUN')
    step('deleteHost(%s)' % hf, lambda: cl.deleteHost(hf))
    step('deleteVolume(%s)' % vf, lambda: cl.deleteVolume(vf))
    logout_initiator(F1)
    logout_initiator(F2)

    # ------------------------------------------------------------------ #
    # 4b. Cinder-like iSCSI multipath attach / detach (matched-set VLUNs)
    vi, hi = P + '_vi', P + '_hi'
    IQNC = 'iqn.1993-08.org.debian:01:%sc1' % hx
    host_ip = '10.20.0.5'
    login_initiator(IQNC, '0:2:1', host_ip)
    login_initiator(IQNC, '1:2:1', host_ip)
    step('createVolume(%s, FC_r1, 1024)' % vi, lambda: cl.createVolume(vi, 'FC_r1', 1024))
    step('queryHost(iqns=[%s]) before the host exists -> no members' % IQNC,
         lambda: cl.queryHost(iqns=[IQNC]),
         lambda b: (b.get('total') == 0, 'total=%r members=%s' % (b.get('total'), names_of(b))))
    step("createHost(%s, iscsiNames=[%s], optional={'persona': 2})" % (hi, IQNC),
         lambda: cl.createHost(hi, iscsiNames=[IQNC], optional={'persona': 2}))

    def iscsi_path_check(b):
        paths = b.get('iSCSIPaths') or []
        names = sorted(set(p.get('name') for p in paths))
        ips = sorted(set(p.get('IPAddr') for p in paths if 'IPAddr' in p))
        return (names == [IQNC] and ips in ([], [host_ip]),
                'iSCSIPaths=%s' % short(paths, 500))
    step('getHost(%s): iSCSIPaths name (IPAddr of the logged-in initiator if shown)' % hi,
         lambda: geth(hi), iscsi_path_check)
    n0, n1 = port_pos('0:2:1'), port_pos('1:2:1')
    loc0 = step('createVLUN(%s, hostname=%s, portPos=%s, auto=True) returns "vol,lun,host,0:2:1"'
                % (vi, hi, short(n0)),
                lambda: cl.createVLUN(vi, hostname=hi, portPos=dict(n0), auto=True),
                lambda r: (isinstance(r, str) and r.split(',')[0::2] == [vi, hi]
                           and r.split(',')[3:] == ['0:2:1'], 'location=%r' % r))
    lun_i = None
    try:
        lun_i = int(loc0.split(',')[1])
    except Exception:  # noqa
        pass
    record(lun_i is not None, 'Cinder parses the LUN (and nsp) from the location',
           'location=%r -> lun_id=%r nsp=%r' % (loc0, lun_i,
                                                 loc0.split(',')[3] if isinstance(loc0, str)
                                                 and len(loc0.split(',')) > 3 else None))
    if lun_i is None:
        lun_i = 1
    step('createVLUN(%s, lun=%d, hostname=%s, portPos=%s) second path, same LUN'
         % (vi, lun_i, hi, short(n1)),
         lambda: cl.createVLUN(vi, lun=lun_i, hostname=hi, portPos=dict(n1)),
         lambda r: (r == '%s,%d,%s,1:2:1' % (vi, lun_i, hi), 'location=%r' % r))

    def iscsi_vluns_check(b):
        templates = [v for v in b if not v.get('active')]
        active = [v for v in b if v.get('active')]
        problems = []
        tpos = sorted(nsp(t.get('portPos')) for t in templates)
        if tpos != ['0:2:1', '1:2:1']:
            problems.append('template portPos=%s want [0:2:1, 1:2:1]' % tpos)
        if any(t.get('type') != VLUN_MATCHED_SET for t in templates):
            problems.append('template types=%s want %d (MATCHED_SET)'
                            % ([t.get('type') for t in templates], VLUN_MATCHED_SET))
        got = sorted((v.get('remoteName'), nsp(v.get('portPos'))) for v in active)
        want = [(IQNC, '0:2:1'), (IQNC, '1:2:1')]
        if got != want:
            problems.append('active (remoteName, portPos)=%s want %s' % (got, want))
        if any(v.get('lun') != lun_i for v in b):
            problems.append('luns=%s want all %d' % ([v.get('lun') for v in b], lun_i))
        return not problems, '; '.join(problems) or '2 templates + 2 active rows on 0:2:1 / 1:2:1, lun %d' % lun_i
    host_rows = step('getHostVLUNs(%s): two matched-set templates + two active rows' % hi,
                     lambda: cl.getHostVLUNs(hi), iscsi_vluns_check)
    templates = [v for v in (host_rows or []) if not v.get('active') and 'portPos' in v]
    if not templates:
        templates = [{'lun': lun_i, 'portPos': n0}, {'lun': lun_i, 'portPos': n1}]
    for t in templates:
        port = {'node': t['portPos']['node'], 'slot': t['portPos']['slot'],
                'cardPort': t['portPos']['cardPort']}
        step('deleteVLUN(%s, %d, hostname=%s, port=%s) (Cinder delete_vlun with the template portPos)'
             % (vi, t.get('lun'), hi, short(port)),
             lambda t=t, port=port: cl.deleteVLUN(vi, t.get('lun'), hostname=hi, port=port))
    expect_error('getHostVLUNs(%s) after both deletes -> client-side NON_EXISTENT_VLUNS' % hi,
                 lambda: cl.getHostVLUNs(hi), hpeexc.HTTPNotFound, 404, 'NON_EXISTENT_VLUNS')
    step('deleteHost(%s)' % hi, lambda: cl.deleteHost(hi))
    step('deleteVolume(%s)' % vi, lambda: cl.deleteVolume(vi))
    logout_initiator(IQNC)

    # ------------------------------------------------------------------ #
    # 4c. vvset exported to a host set
    va, vb, vvs = P + '_va', P + '_vb', P + '_VVS'
    hm, hss = P + '_hm', P + '_HSS'
    FM = wwn(7)
    login_initiator(FM, '0:1:2')
    step('createVolume(%s) and (%s) on FC_r1' % (va, vb),
         lambda: (cl.createVolume(va, 'FC_r1', 1024), cl.createVolume(vb, 'FC_r1', 1024)))
    step('createVolumeSet(%s, setmembers=[%s, %s])' % (vvs, va, vb),
         lambda: cl.createVolumeSet(vvs, setmembers=[va, vb]))
    step('createHost(%s, FCWwns=[%s])' % (hm, FM), lambda: cl.createHost(hm, FCWwns=[FM]))
    step('createHostSet(%s, setmembers=[%s])' % (hss, hm),
         lambda: cl.createHostSet(hss, setmembers=[hm]), lambda r: (r == hss, 'want %r' % hss))
    step("createVLUN('set:%s', lun=5, hostname='set:%s')" % (vvs, hss),
         lambda: cl.createVLUN('set:' + vvs, lun=5, hostname='set:' + hss),
         lambda r: (r == 'set:%s,5,set:%s' % (vvs, hss), 'location=%r' % r))

    set_rows = step('getVLUNs(): one host-set template (set:vvset, set:hostset, lun 5, type 5)', cl.getVLUNs,
                    lambda b: ([(t.get('volumeName'), t.get('hostname'), t.get('lun'), t.get('type'))
                                for t in b.get('members', []) if not t.get('active')]
                               == [('set:' + vvs, 'set:' + hss, 5, VLUN_HOST_SET)],
                               'templates %s' % [(t.get('volumeName'), t.get('hostname'), t.get('lun'),
                                                  t.get('type')) for t in b.get('members', [])
                                                 if not t.get('active')]))
    active_rows = [v for v in (set_rows or {}).get('members', []) if v.get('active')]
    act = sorted((v.get('volumeName'), v.get('hostname'), v.get('lun'), v.get('remoteName'))
                 for v in active_rows)
    record(sorted(a[0] for a in act) == [va, vb] and all(a[1] == hm and a[3] == bare(FM).upper() for a in act),
           'getVLUNs(): the host sees one active VLUN per member volume, named by the volume',
           'active rows (volumeName, hostname, lun, remoteName)=%s; want one row for %s and one for %s: '
           'a host cannot see a "set" as one LUN, every exported VV is a LUN of its own' % (act, va, vb))
    if len(act) == 2:
        luns = sorted(a[2] for a in act)
        record(luns[0] == 5 and luns[1] != 5,
               'getVLUNs(): the member volumes get distinct LUNs, the first being the set LUN 5',
               'active luns=%s (a real array numbers them consecutively from 5, i.e. [5, 6])' % luns)
    else:
        note('LUN numbering of the set members not checked: %d active rows' % len(act))
    step('getHostVLUNs(%s): the member host sees both volumes of the set export' % hm,
         lambda: cl.getHostVLUNs(hm),
         lambda r: (sorted(v.get('volumeName') for v in r if v.get('active')) == [va, vb],
                    'rows %s' % short([(v.get('volumeName'), v.get('hostname'), v.get('lun'), v.get('active'))
                                       for v in r], 600)))
    expect_error('deleteVolumeSet(%s) while exported' % vvs, lambda: cl.deleteVolumeSet(vvs),
                 hpeexc.HTTPConflict, 409, 26, why='EXPORTED_VLUN (deleteVolumeSet docstring)')
    expect_error('deleteHostSet(%s) while exported' % hss, lambda: cl.deleteHostSet(hss),
                 hpeexc.HTTPConflict, 409, 26, why='EXPORTED_VLUN (deleteHostSet docstring)')
    step("deleteVLUN('set:%s', 5, 'set:%s')" % (vvs, hss),
         lambda: cl.deleteVLUN('set:' + vvs, 5, 'set:' + hss))
    step('getVLUNs(): nothing left of the set export', cl.getVLUNs,
         lambda b: (not [v for v in b.get('members', []) if v.get('volumeName') in ('set:' + vvs, va, vb)],
                    'rows=%s' % short([v for v in b.get('members', [])
                                       if v.get('volumeName') in ('set:' + vvs, va, vb)])))
    step('deleteHostSet(%s), deleteHost(%s), deleteVolumeSet(%s), deleteVolume(%s / %s)' % (hss, hm, vvs, va, vb),
         lambda: (cl.deleteHostSet(hss), cl.deleteHost(hm), cl.deleteVolumeSet(vvs),
                  cl.deleteVolume(va), cl.deleteVolume(vb)))
    logout_initiator(FM)

    # ------------------------------------------------------------------ #
    # 4d. VLUN errors (upstream test_HPE3ParClient_VLUN.py)
    ve, he = P + '_ve', P + '_he'
    FE = wwn(8)
    login_initiator(FE, '0:1:1')
    step('createVolume(%s), createHost(%s, FCWwns=[%s])' % (ve, he, FE),
         lambda: (cl.createVolume(ve, 'FC_r1', 1024), cl.createHost(he, FCWwns=[FE])))
    p011 = port_pos('0:1:1')
    expect_error('createVLUN(%s, 100000, %s) LUN too large' % (ve, he),
                 lambda: cl.createVLUN(ve, 100000, he), hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_EXCEEDS_RANGE; test_1_create_VLUN_tooLarge')
    expect_error('createVLUN(%s, 100000, %s, portPos 0:1:1) LUN too large' % (ve, he),
                 lambda: cl.createVLUN(ve, 100000, he, dict(p011)), hpeexc.HTTPBadRequest, 400,
                 why='test_1_create_VLUN_tooLarge passes self.port too')
    expect_error('createVLUN(Some_Volume_%s, 1, %s) unknown volume' % (rnd, he),
                 lambda: cl.createVLUN('Some_Volume_' + rnd, 1, he), hpeexc.HTTPNotFound, 404,
                 why='NON_EXISTENT_VOL; test_1_create_VLUN_volulmeNonExist')
    expect_error('createVLUN(%s, 1, %s) unknown host' % (ve, P + '_nxh'),
                 lambda: cl.createVLUN(ve, 1, P + '_nxh'), hpeexc.HTTPNotFound, 404, 17,
                 why='NON_EXISTENT_HOST')
    expect_error("createVLUN(%s, 1, %s, portPos={'badNode': 1, ...})" % (ve, he),
                 lambda: cl.createVLUN(ve, 1, he, {'badNode': 1, 'cardPort': 1, 'slot': 2}),
                 hpeexc.HTTPBadRequest, 400, why='test_1_create_VLUN_badParams')
    expect_error('getVLUN(badName_%s) -> client-side NON_EXISTENT_VLUN' % rnd,
                 lambda: cl.getVLUN('badName_' + rnd), hpeexc.HTTPNotFound, 404, 'NON_EXISTENT_VLUN',
                 why='test_2_get_VLUN_bad')
    step('createVLUN(%s, 3, %s, portPos 0:1:1) matched set' % (ve, he),
         lambda: cl.createVLUN(ve, 3, he, dict(p011)),
         lambda r: (r == '%s,3,%s,0:1:1' % (ve, he), 'location=%r' % r))
    expect_error('deleteVLUN(%s, 3, %s, port 8:8:8)' % (ve, he),
                 lambda: cl.deleteVLUN(ve, 3, he, {'node': 8, 'slot': 8, 'cardPort': 8}),
                 hpeexc.HTTPBadRequest, 400, why='INV_INPUT_PORT_SELECTION; test_3_delete_VLUN_portNonExist')
    expect_error('deleteVLUN(%s, 3, BoggusHost, port 0:1:1)' % ve,
                 lambda: cl.deleteVLUN(ve, 3, 'BoggusHost_' + rnd, dict(p011)), hpeexc.HTTPNotFound, 404,
                 why='test_3_delete_VLUN_hostNonExist')
    expect_error('deleteVLUN(UnitTestVolume, 3, %s, port 0:1:1)' % he,
                 lambda: cl.deleteVLUN('UnitTestVolume_' + rnd, 3, he, dict(p011)), hpeexc.HTTPNotFound, 404,
                 why='test_3_delete_VLUN_volumeNonExist')
    expect_error('deleteVLUN(%s, 3, %s) without the port of a matched-set VLUN' % (ve, he),
                 lambda: cl.deleteVLUN(ve, 3, he), hpeexc.HTTPNotFound, 404, 19,
                 why='a host-sees VLUN vol,3,host does not exist; only vol,3,host,0:1:1 does')
    step('deleteVLUN(%s, 3, %s, port 0:1:1)' % (ve, he), lambda: cl.deleteVLUN(ve, 3, he, dict(p011)))
    expect_error('deleteVLUN(%s, 3, %s, port 0:1:1) the same VLUN twice' % (ve, he),
                 lambda: cl.deleteVLUN(ve, 3, he, dict(p011)), hpeexc.HTTPNotFound, 404, 19,
                 why='test_3_delete_VLUNs')
    step('createVLUN(%s, 0, %s) LUN 0 (test_1_create_VLUN_with_id_zero)' % (ve, he),
         lambda: cl.createVLUN(ve, 0, he), lambda r: (r == '%s,0,%s' % (ve, he), 'location=%r' % r))
    step('getVLUN(%s): lun 0' % ve, lambda: cl.getVLUN(ve), fields(volumeName=ve, lun=0))
    def rows_of(r):
        return sorted((bool(v.get('active')), v.get('remoteName'), nsp(v.get('portPos'))) for v in r)
    step('getHostVLUNs(%s): template + one active row for %s on 0:1:1' % (he, FE),
         lambda: cl.getHostVLUNs(he),
         lambda r: (rows_of(r) == [(False, None, None), (True, bare(FE).upper(), '0:1:1')],
                    '(active, remoteName, portPos)=%s' % rows_of(r)))
    ctl_step('log %s out of 0:1:1' % FE, 'DELETE', '/logins', {'initiator': FE, 'portPos': '0:1:1'})
    step('getHostVLUNs(%s) with the initiator logged out: the template only' % he,
         lambda: cl.getHostVLUNs(he),
         lambda r: (rows_of(r) == [(False, None, None)], '(active, remoteName, portPos)=%s' % rows_of(r)))
    login_initiator(FE, '1:1:2')
    step('getHostVLUNs(%s) after a login on 1:1:2: the template makes a new active row there' % he,
         lambda: cl.getHostVLUNs(he),
         lambda r: (rows_of(r) == [(False, None, None), (True, bare(FE).upper(), '1:1:2')],
                    '(active, remoteName, portPos)=%s' % rows_of(r)))
    step('deleteVLUN(%s, 0, %s)' % (ve, he), lambda: cl.deleteVLUN(ve, 0, he))
    expect_error('getHostVLUNs(bogusHost_%s) unknown host' % rnd,
                 lambda: cl.getHostVLUNs('bogusHost_' + rnd), hpeexc.HTTPNotFound, 404, 17,
                 why='getHostVLUNs calls getHost first; test_4_get_host_VLUNs_unknown_host')
    step('deleteHost(%s), deleteVolume(%s)' % (he, ve),
         lambda: (cl.deleteHost(he), cl.deleteVolume(ve)))
    logout_initiator(FE)

    # ================================================================== #
    # 5. QoS rules on a volume set
    qv, qs, qs2 = P + '_qv', P + '_QS', P + '_QS2'
    rules = {'priority': 2, 'ioMinGoal': 100, 'ioMaxLimit': 1000, 'bwMinGoalKB': 1024,
             'bwMaxLimitKB': 2048, 'latencyGoal': 5}
    step('createVolume(%s), createVolumeSet(%s, setmembers=[%s]), createVolumeSet(%s)' % (qv, qs, qv, qs2),
         lambda: (cl.createVolume(qv, 'FC_r1', 1024), cl.createVolumeSet(qs, setmembers=[qv]),
                  cl.createVolumeSet(qs2)))
    step('getVolumeSet(%s): qosEnabled False before any rule' % qs, lambda: cl.getVolumeSet(qs),
         lambda b: (b.get('qosEnabled') is False, 'qosEnabled=%r' % b.get('qosEnabled')))
    step('createQoSRules(%s, %s)' % (qs, short(rules)), lambda: cl.createQoSRules(qs, dict(rules)))
    step('getVolumeSet(%s): qosEnabled True' % qs, lambda: cl.getVolumeSet(qs),
         lambda b: (b.get('qosEnabled') is True, 'qosEnabled=%r' % b.get('qosEnabled')))
    want_rule = dict(rules, name=qs, type=1, enabled=True)
    step('queryQoSRule(%s): the rule as created' % qs, lambda: cl.queryQoSRule(qs), fields(**want_rule))
    step('queryQoSRules(): lists %s' % qs, cl.queryQoSRules,
         lambda b: (qs in names_of(b) and b.get('total') == len(b.get('members', [])),
                    'total=%r names=%s' % (b.get('total'), names_of(b))))
    expect_error('createQoSRules(%s) again' % qs, lambda: cl.createQoSRules(qs, dict(rules)),
                 hpeexc.HTTPBadRequest, 400, 114, why='EXISTENT_QOS_RULE')
    step("modifyQoSRules(%s, {'bwMinGoalKB': 1024, 'bwMaxLimitKB': 4096})" % qs,
         lambda: cl.modifyQoSRules(qs, {'bwMinGoalKB': 1024, 'bwMaxLimitKB': 4096}))
    step('queryQoSRule(%s): bwMaxLimitKB 4096, the other fields kept' % qs, lambda: cl.queryQoSRule(qs),
         fields(**dict(want_rule, bwMaxLimitKB=4096)))
    expect_error("modifyQoSRules(%s, {'ioMinGoal': 2000, 'ioMaxLimit': 1000}) min > max" % qs,
                 lambda: cl.modifyQoSRules(qs, {'ioMinGoal': 2000, 'ioMaxLimit': 1000}),
                 hpeexc.HTTPBadRequest, 400, why='INV_INPUT_IO_MIN_GOAL_GRT_MAX_LIMIT')
    expect_error("createQoSRules(%s, {'bwMinGoalKB': 4096, 'bwMaxLimitKB': 1024}) min > max" % qs2,
                 lambda: cl.createQoSRules(qs2, {'bwMinGoalKB': 4096, 'bwMaxLimitKB': 1024}),
                 hpeexc.HTTPBadRequest, 400, why='INV_INPUT_BW_MIN_GOAL_GRT_MAX_LIMIT')
    expect_error('queryQoSRule(%s) no rule on that set' % qs2, lambda: cl.queryQoSRule(qs2),
                 hpeexc.HTTPNotFound, 404, 100, why='NON_EXISTENT_QOS_RULE (the refused create left none)')
    expect_error('queryQoSRule(%s) unknown' % (P + '_nxq'), lambda: cl.queryQoSRule(P + '_nxq'),
                 hpeexc.HTTPNotFound, 404, 100)
    expect_error('modifyQoSRules(%s) unknown' % (P + '_nxq'),
                 lambda: cl.modifyQoSRules(P + '_nxq', {'priority': 3}), hpeexc.HTTPNotFound, 404, 100)
    expect_error('deleteQoSRules(%s) unknown' % (P + '_nxq'), lambda: cl.deleteQoSRules(P + '_nxq'),
                 hpeexc.HTTPNotFound, 404, 100)
    expect_error('deleteVolumeSet(%s) while a QoS target' % qs, lambda: cl.deleteVolumeSet(qs),
                 hpeexc.HTTPConflict, 409, why='VVSET_QOS_TARGET (deleteVolumeSet docstring)')
    step('deleteQoSRules(%s)' % qs, lambda: cl.deleteQoSRules(qs))
    expect_error('queryQoSRule(%s) after delete' % qs, lambda: cl.queryQoSRule(qs),
                 hpeexc.HTTPNotFound, 404, 100)
    step('queryQoSRules(): %s gone' % qs, cl.queryQoSRules,
         lambda b: (qs not in names_of(b), 'names=%s' % names_of(b)))
    step('getVolumeSet(%s): qosEnabled False again' % qs, lambda: cl.getVolumeSet(qs),
         lambda b: (b.get('qosEnabled') is False, 'qosEnabled=%r' % b.get('qosEnabled')))
    step('deleteVolumeSet(%s), deleteVolumeSet(%s), deleteVolume(%s)' % (qs, qs2, qv),
         lambda: (cl.deleteVolumeSet(qs), cl.deleteVolumeSet(qs2), cl.deleteVolume(qv)))

    # ================================================================== #
    # 6. Flash cache
    expect_error('getFlashCache() before one exists', cl.getFlashCache, hpeexc.HTTPNotFound, 404, 285,
                 why='NON_EXISTENT_FLASH_CACHE')
    step('createFlashCache(64, 2)', lambda: cl.createFlashCache(64, 2))
    step('getFlashCache(): sizeGiB 64, mode 2', cl.getFlashCache, fields(sizeGiB=64, mode=2))
    expect_error('createFlashCache(64, 2) again', lambda: cl.createFlashCache(64, 2),
                 hpeexc.HTTPConflict, 409, why='EXISTENT_FLASH_CACHE')
    step('deleteFlashCache()', cl.deleteFlashCache)
    expect_error('getFlashCache() after delete', cl.getFlashCache, hpeexc.HTTPNotFound, 404, 285)
    expect_error('deleteFlashCache() again', cl.deleteFlashCache, hpeexc.HTTPNotFound, 404, 285)
    expect_error('createFlashCache(17, 2) not a multiple of 16 GiB', lambda: cl.createFlashCache(17, 2),
                 hpeexc.HTTPBadRequest, 400, why='INV_FLASH_CACHE_SIZE')

    # ================================================================== #
    # 7. nothing of ours left behind
    def leftovers():
        mine = lambda b: [n for n in names_of(b) if n and n.startswith(P)]  # noqa: E731
        vl = [v for v in cl.getVLUNs().get('members', [])
              if str(v.get('volumeName', '')).replace('set:', '').startswith(P)]
        return {'hosts': mine(cl.getHosts()), 'hostsets': mine(cl.getHostSets()),
                'volumes': mine(cl.getVolumes()), 'volumesets': mine(cl.getVolumeSets()),
                'vluns': len(vl)}
    step('no hosts / host sets / volumes / volume sets / VLUNs of this run left', leftovers,
         lambda r: (not any(r.values()), short(r, 600)))
    ctl_step('no initiators of this run still logged in', 'GET', '/logins', None,
             check=lambda d: (not [k for k in (d or {}) if hx.upper() in k.upper()],
                              'logins=%s' % short(d)))

    close_client(cl, reauths)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
