#!/usr/bin/env python3
"""verify_remotecopy.py -- drive the emulator's two-array "pair" fixture with
the real, unmodified python-3parclient (hpe3parclient) through remote copy the
way OpenStack Cinder's 3PAR driver uses it, and report PASS/FAIL per step.
Exit status: 0 if every step passed, 1 otherwise.

Usage:
    npm start -- --fixture pair --port 8080 &
    python3 contracts/clients/python-3parclient/verify_remotecopy.py \
        [http://127.0.0.1:8080/api/v1] [--secondary-url URL] \
        [--user 3paradm] [--password 3pardata] [--cpg FC_r1] \
        [--timeout 30] [--debug]

The URL is the primary array (3par-emu-01, system id 99801); the secondary
(3par-emu-02) is taken from GET /_emulator/arrays unless --secondary-url is
given.  The script needs the emulator: it starts with POST /_emulator/reset
and uses the control API of both arrays for host writes
(POST /_emulator/volumes/<v>/write), data generations (GET
/_emulator/volumes/<v>) and the replication link (POST /_emulator/links
{"up": false|true}).  One client object per array, as Cinder has (self.client
for the primary, _create_replication_client() for the secondary).

Covered:
  * Cinder's _do_volume_replication_setup(): createRemoteCopyGroup with
    targets=[{targetName, mode, userCPG, snapCPG}] and localUserCPG /
    localSnapCPG, addVolumeToRemoteCopyGroup with volumeAutoCreation (PUT
    action 1), modifyRemoteCopyGroup with syncPeriod for a periodic group,
    the Peer Persistence policies call (no targetName), startRemoteCopy;
    Cinder's _set_rcg_attributes() modify (remoteUserCPG / remoteSnapCPG).
  * getRemoteCopyGroup / getRemoteCopyGroups / getRemoteCopyGroupVolumes /
    getRemoteCopyGroupVolume on both arrays, the partner group
    "<name>.r<primary system id>", the client's own helpers
    targetInRemoteCopyGroupExists, remoteCopyGroupStatusCheck,
    remoteCopyGroupStatusStartedCheck / StoppedCheck.
  * addVolumeToRemoteCopyGroup(useHttpPost=True) (POST .../volumes),
    removeVolumeFromRemoteCopyGroup through DELETE (removeSecondaryVolume,
    keepSnap) and through PUT action 2 (useHttpDelete=False),
    synchronizeRemoteCopyGroup, stopRemoteCopy, removeRemoteCopyGroup
    (keepSnap false / true), toggleRemoteCopyConfigMirror, getRemoteCopyLink
    (plus GET /remotecopylinks and /remotecopytargets through the client's
    http object: the client has no method for them), getRemoteCopyInfo.
  * Data: a host write on the primary shows the same generation on the
    secondary at once (sync group) or after synchronizeRemoteCopyGroup
    (periodic group); the secondary refuses host writes.
  * DR: link cut -> stopRemoteCopy on the primary (Cinder eats its error) ->
    recoverRemoteCopyGroupFromDisaster(<name>.r99801, 7 FAILOVER) on the
    secondary client -> role 1 with targets[].roleReversed there -> writes on
    the secondary -> RECOVER (9) refused while the link is down -> link back
    -> RECOVER on the secondary -> Cinder's failback gate
    (_are_targets_in_their_natural_direction) still closed -> RESTORE (10)
    on the secondary -> the gate holds on the primary group and on the
    partner group Cinder actually reads; the data written during the
    failover is on both arrays.
  * Cinder's _delete_replicated_failed_over_volume(): on the secondary,
    mirrorConfig off, stop, dismiss with removeSecondaryVolume, remove the
    group, delete the volume, mirrorConfig back on.
  * A group with Cinder's Peer Persistence policies (autoRecover on) failed
    over while the link is down: when the link comes back, the writes made
    on the failed-over secondary must survive (both sides are primary; the
    old primary must not resume replicating over them) and reach the
    primary with RECOVER.
  * A group created with mode 2, the number Cinder sends for "periodic".
  * Errors through the client's exception classes.

Expectations come from the client's code and docstrings, from Cinder's
hpe_3par_common.py (openstack/cinder) and from the emulator's
test/routes/remotecopy.test.ts:
    NON_EXISTENT_RCOPY_GROUP=187 (404; Cinder tests get_code() == 187),
    RCOPY_GROUP_STARTED=215 (403; Cinder's enable_replication passes on it),
    EXISTENT_RCOPY_GROUP=237 (409 -> HTTPConflict; the createRemoteCopyGroup
    docstring lists it under HTTPNotFound), RCOPY_GROUP_INV_TARGET=194 (403),
    INV_INPUT_BAD_ENUM_VALUE=46 (400), NON_EXISTENT_CPG=15 (404),
    INV_INPUT_ILLEGAL_CHAR=69 (400), INV_INPUT_EXCEEDS_LENGTH=57 (400),
    INV_INPUT_PARAM_CONFLICT=44 (400, policies and syncPeriod in one target
    entry), INV_INPUT_BELOW_RANGE=115 (400), RCOPY_GROUP_MIXED_MODES_ON_ONE_
    TARGET=236 (400), INV_OPERATION_VV_IN_REMOTE_COPY=120 (403),
    NON_EXISTENT_VOL=23 (404).  Symbols without a public number (e.g.
    RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE, RCOPY_TARGET_IS_NOT_READY,
    RCOPY_GROUP_IN_FAILOVER_STATE) are checked by class and status only.
    Wire enums: mode SYNC=1, PERIODIC=2 (Cinder's PERIODIC) / 3; role 1
    primary, 2 secondary (reversed roles show as 1/2 with roleReversed);
    targets[].state 1 new, 3 started, 5 stopped; syncStatus 3 synced.

Notes on client behaviour that shape this script (see client.py / http.py):
  * Every 401 AND 403 answer makes the client log in again and repeat the
    request once, so each documented 403 here is sent twice and costs a new
    session; the emulator must answer the repeat identically.
  * createRemoteCopyGroup / modifyRemoteCopyGroup / start / stop / sync /
    recover return the response body (None for an empty 200/201).
  * addVolumeToRemoteCopyGroup sends PUT {"action": 1, ...} unless
    useHttpPost=True (POST .../volumes without "action").
  * removeVolumeFromRemoteCopyGroup defaults to DELETE .../volumes/<v>
    [?removeSecondaryVolume=true | ?keepSnap=true]; with useHttpDelete=False
    and removeFromTarget=False it sends PUT {"action": 2, "volumeName": v}.
  * removeRemoteCopyGroup always sends ?keepSnap=true|false.
  * recoverRemoteCopyGroupFromDisaster is POST /remotecopygroups/<name>.
  * toggleRemoteCopyConfigMirror swallows HTTPBadRequest (only).
  * targetInRemoteCopyGroupExists reads targets[]['target'] (not
    'targetName') and returns False on any exception.
"""

import base64
import sys
import uuid

from hpe3parclient import exceptions as hpeexc  # noqa: E402

from verify_common import (  # noqa: E402
    Control, close_client, control_step as ctl_step, expect_error, finish,
    host_root, open_client, parse_args, print_client_version, short, step)

MODE_SYNC, MODE_PERIODIC_CINDER, MODE_PERIODIC = 1, 2, 3
ROLE_PRIMARY, ROLE_SECONDARY = 1, 2
STATE_NEW, STATE_STARTED, STATE_STOPPED = 1, 3, 5
SYNC_SYNCING, SYNC_SYNCED = 2, 3
RC_FAILOVER, RC_RECOVER, RC_RESTORE = 7, 9, 10
REMOTE_COPY_API_VERSION = 30202290   # Cinder: minimum WSAPI build of a target


def encode_name(u):
    """Cinder's HPE3PARCommon._encode_name(): base64 of the uuid bytes with
    '+' -> '.', '/' -> '-' and the '=' padding dropped (22 characters)."""
    text = base64.b64encode(u.bytes).decode('ascii')
    return text.replace('+', '.').replace('/', '-').replace('=', '')


def cinder_names(u):
    """(_get_3par_vol_name, _get_3par_rcg_name) of a Cinder volume id."""
    enc = encode_name(u)
    return 'osv-' + enc, ('rcg-' + enc)[:22]


def natural_direction(rcg):
    """Cinder's _are_targets_in_their_natural_direction(), with reasons."""
    problems = []
    for t in rcg.get('targets', []):
        if t.get('roleReversed') or t.get('state') != STATE_STARTED:
            problems.append('target %s roleReversed=%r state=%r'
                            % (t.get('targetName'), t.get('roleReversed'),
                               t.get('state')))
    for v in rcg.get('volumes', []):
        for rv in v.get('remoteVolumes', []):
            if rv.get('syncStatus') != SYNC_SYNCED:
                problems.append('volume %s -> %s syncStatus=%r'
                                % (v.get('localVolumeName'),
                                   rv.get('remoteVolumeName'),
                                   rv.get('syncStatus')))
    return not problems, problems


def main():
    def url_options(ap):
        ap.add_argument('--secondary-url', default=None,
                        help='WSAPI URL of the secondary array (default: from '
                             'GET /_emulator/arrays, else port + 1)')

    def options(ap):
        ap.add_argument('--cpg', default='FC_r1',
                        help='CPG that exists on both arrays (user and snap CPG)')
    args = parse_args(__doc__, url_help='WSAPI URL of the primary array',
                      url_options=url_options, options=options)

    url = args.url.rstrip('/')
    cpg = args.cpg
    print_client_version()
    ctl_a = Control(url, min(args.timeout, 10), 'primary')

    # ------------------------------------------------------------------ #
    # 0. clean start, find the secondary
    status, _ = ctl_step('reset the emulator (both arrays)', ctl_a, 'POST',
                         '/reset', {})
    if status is None:
        return finish()
    sec_url = args.secondary_url
    if sec_url is None:
        status, arrays = ctl_a.call('GET', '/arrays')
        if status == 200 and isinstance(arrays, list):
            others = [a.get('url') for a in arrays
                      if a.get('url') and a.get('url').rstrip('/') != url]
            sec_url = others[0] if others else None
        if sec_url is None:
            root, port = host_root(url).rsplit(':', 1)
            sec_url = '%s:%d/api/v1' % (root, int(port) + 1)
    sec_url = sec_url.rstrip('/')
    ctl_b = Control(sec_url, min(args.timeout, 10), 'secondary')
    print('primary %s, secondary %s, user %s, CPG %s'
          % (url, sec_url, args.user, cpg))
    ctl_step('replication link between the arrays is up', ctl_a, 'GET',
             '/links', check=lambda d: (isinstance(d, list) and len(d) == 1
                                        and d[0].get('up') is True,
                                        'one link, up'))

    # ------------------------------------------------------------------ #
    # 1. one client per array (Cinder: self.client and the replication client)
    clients = {}
    reauths = {'P': [], 'S': []}
    for who, u in (('P', url), ('S', sec_url)):
        c, reauths[who] = open_client(
            u, args, who, 'HPE3ParClient(%s) constructor' % u,
            '[%s] login(%s, ***) at %s' % (who, args.user, u))
        if c is None:
            return finish()
        clients[who] = c
    pa, sb = clients['P'], clients['S']

    info = {}

    def sysinfo(who, c):
        def _f():
            b = c.getStorageSystemInfo()
            info[who] = b
            return {'id': b.get('id'), 'name': b.get('name')}
        return _f
    step('[P] getStorageSystemInfo(): id 99801, name 3par-emu-01',
         sysinfo('P', pa),
         lambda b: (b['id'] == 99801 and b['name'] == '3par-emu-01',
                    'id=%r name=%r' % (b['id'], b['name'])))
    step('[S] getStorageSystemInfo(): name 3par-emu-02 (the target name)',
         sysinfo('S', sb),
         lambda b: (b['name'] == '3par-emu-02' and b['id'] != 99801,
                    'id=%r name=%r' % (b['id'], b['name'])))
    primary_id = (info.get('P') or {}).get('id', 99801)
    target = (info.get('S') or {}).get('name', '3par-emu-02')
    back_target = (info.get('P') or {}).get('name', '3par-emu-01')
    step('[S] getWsApiVersion(): build >= %d (Cinder refuses a replication '
         'target below it)' % REMOTE_COPY_API_VERSION, sb.getWsApiVersion,
         lambda b: (b.get('build', 0) >= REMOTE_COPY_API_VERSION,
                    'build=%r' % b.get('build')))
    step('[P] getRemoteCopyInfo()', pa.getRemoteCopyInfo,
         lambda b: (isinstance(b, dict) and 'mode' in b and 'status' in b,
                    'mode=%r status=%r' % (b.get('mode'), b.get('status'))))

    # ------------------------------------------------------------------ #
    # 2. targets and links (GET /remotecopytargets and /remotecopylinks have
    #    no client method; they go through the client's http object)
    step('[P] GET /remotecopytargets (cl.http.get): %s, mirrorConfig true'
         % target, lambda: pa.http.get('/remotecopytargets')[1],
         lambda b: ([m.get('name') for m in b.get('members', [])] == [target]
                    and b['members'][0].get('policies', {}).get('mirrorConfig')
                    is True, 'members=%s' % short(b.get('members'))))
    links = step('[P] GET /remotecopylinks (cl.http.get)',
                 lambda: pa.http.get('/remotecopylinks')[1],
                 lambda b: (b.get('total') == len(b.get('members', [])) > 0,
                            'names=%s' % [m.get('name') for m in b.get('members', [])]))
    for m in (links or {}).get('members', [])[:2]:
        step('[P] getRemoteCopyLink(%s)' % m.get('name'),
             lambda n=m.get('name'): pa.getRemoteCopyLink(n),
             lambda b, n=m.get('name'): (b.get('name') == n, 'name=%r' % b.get('name')))
    expect_error('[P] getRemoteCopyLink(unknown link)',
                 lambda: pa.getRemoteCopyLink('nosuchlink_9_9_9'),
                 hpeexc.ClientException, 403, 194,
                 'what the emulator answers: RCOPY_GROUP_INV_TARGET; no '
                 'capture of a real reply')

    # ------------------------------------------------------------------ #
    # 3. Cinder's _do_volume_replication_setup() for a sync volume
    vol_s, rcg_s = cinder_names(uuid.uuid4())
    remote_s = '%s.r%s' % (rcg_s, primary_id)
    print('sync volume %s, group %s (%d chars), partner group %s'
          % (vol_s, rcg_s, len(rcg_s), remote_s))
    step('[P] createVolume(%s, %s, 1024, tpvv, snapCPG)' % (vol_s, cpg),
         lambda: pa.createVolume(vol_s, cpg, 1024,
                                 {'tpvv': True, 'snapCPG': cpg}))
    targets_s = [{'targetName': target, 'mode': MODE_SYNC, 'userCPG': cpg,
                  'snapCPG': cpg}]
    opt_s = {'localUserCPG': cpg, 'localSnapCPG': cpg}
    step('[P] createRemoteCopyGroup(%s, %s, %s)' % (rcg_s, short(targets_s),
                                                     short(opt_s)),
         lambda: pa.createRemoteCopyGroup(rcg_s, targets_s, dict(opt_s)))

    def group_check(name, role, remote, target_name, **tw):
        def _c(b):
            problems = []
            for k, v in (('name', name), ('role', role),
                         ('remoteGroupName', remote)):
                if b.get(k) != v:
                    problems.append('%s=%r, expected %r' % (k, b.get(k), v))
            ts = b.get('targets') or [{}]
            t = ts[0]
            if t.get('targetName') != target_name:
                problems.append('targets[0].targetName=%r, expected %r'
                                % (t.get('targetName'), target_name))
            for k, v in tw.items():
                if t.get(k, '<absent>') != v:
                    problems.append('targets[0].%s=%r, expected %r'
                                    % (k, t.get(k, '<absent>'), v))
            if problems:
                return False, '; '.join(problems)
            return True, ('role=%r remoteGroupName=%r targets[0]=%s'
                          % (b.get('role'), b.get('remoteGroupName'),
                             short(t, 400)))
        return _c

    step('[P] getRemoteCopyGroup(%s): role 1, partner name, targets, local '
         'CPGs, state 1 (new)' % rcg_s, lambda: pa.getRemoteCopyGroup(rcg_s),
         lambda b: (group_check(rcg_s, ROLE_PRIMARY, remote_s, target,
                                mode=MODE_SYNC, roleReversed=False,
                                state=STATE_NEW, remoteUserCPG=cpg,
                                remoteSnapCPG=cpg)(b)[0]
                    and b.get('localUserCPG') == cpg
                    and b.get('localSnapCPG') == cpg
                    and b.get('volumes') == [],
                    group_check(rcg_s, ROLE_PRIMARY, remote_s, target,
                                mode=MODE_SYNC, roleReversed=False,
                                state=STATE_NEW, remoteUserCPG=cpg,
                                remoteSnapCPG=cpg)(b)[1]
                    + '; localUserCPG=%r localSnapCPG=%r volumes=%r'
                    % (b.get('localUserCPG'), b.get('localSnapCPG'),
                       b.get('volumes'))))
    step('[S] getRemoteCopyGroup(%s): the partner, role 2, target %s'
         % (remote_s, back_target), lambda: sb.getRemoteCopyGroup(remote_s),
         group_check(remote_s, ROLE_SECONDARY, rcg_s, back_target,
                     mode=MODE_SYNC, roleReversed=False))
    step('[P] getRemoteCopyGroups() lists %s' % rcg_s, pa.getRemoteCopyGroups,
         lambda b: (rcg_s in [m.get('name') for m in b.get('members', [])]
                    and b.get('total') == len(b.get('members', [])),
                    'total=%r names=%s' % (b.get('total'),
                                           [m.get('name') for m in b.get('members', [])])))
    step('[S] getRemoteCopyGroups() lists %s' % remote_s, sb.getRemoteCopyGroups,
         lambda b: (remote_s in [m.get('name') for m in b.get('members', [])],
                    'names=%s' % [m.get('name') for m in b.get('members', [])]))
    step('[P] targetInRemoteCopyGroupExists(%s, %s) (reads targets[].target)'
         % (target, rcg_s),
         lambda: pa.targetInRemoteCopyGroupExists(target, rcg_s),
         lambda r: (r is True, 'returned %r' % r))

    admit_s = [{'targetName': target, 'secVolumeName': vol_s}]
    step('[P] addVolumeToRemoteCopyGroup(%s, %s, %s, '
         "{'volumeAutoCreation': True}) (PUT action 1)"
         % (rcg_s, vol_s, short(admit_s)),
         lambda: pa.addVolumeToRemoteCopyGroup(rcg_s, vol_s, admit_s,
                                               optional={'volumeAutoCreation': True}))
    sec_vol = step('[S] getVolume(%s): auto-created, same size, read-only, '
                   'in %s' % (vol_s, cpg), lambda: sb.getVolume(vol_s),
                   lambda b: (b.get('sizeMiB') == 1024 and b.get('readOnly') is True
                              and b.get('userCPG') == cpg,
                              'sizeMiB=%r readOnly=%r userCPG=%r snapCPG=%r'
                              % (b.get('sizeMiB'), b.get('readOnly'),
                                 b.get('userCPG'), b.get('snapCPG'))))
    expect_error('[P] addVolumeToRemoteCopyGroup again (volume already in the '
                 'group)', lambda: pa.addVolumeToRemoteCopyGroup(
                     rcg_s, vol_s, admit_s, optional={'volumeAutoCreation': True}),
                 hpeexc.HTTPConflict, 409, why='RCOPY_GROUP_EXISTENT_VOL')
    step('[P] startRemoteCopy(%s)' % rcg_s, lambda: pa.startRemoteCopy(rcg_s))
    step('[P] remoteCopyGroupStatusStartedCheck(%s) (every targets[].state 3)'
         % rcg_s, lambda: pa.remoteCopyGroupStatusStartedCheck(rcg_s),
         lambda r: (r is True, 'returned %r' % r))
    step('[P] remoteCopyGroupStatusCheck(%s) (started and every syncStatus 3)'
         % rcg_s, lambda: pa.remoteCopyGroupStatusCheck(rcg_s),
         lambda r: (r is True, 'returned %r' % r))
    step('[S] getRemoteCopyGroup(%s): started too' % remote_s,
         lambda: sb.getRemoteCopyGroup(remote_s),
         group_check(remote_s, ROLE_SECONDARY, rcg_s, back_target,
                     state=STATE_STARTED))

    def vols_check(b):
        ms = b.get('members', [])
        if b.get('total') != 1 or len(ms) != 1:
            return False, 'total=%r members=%d' % (b.get('total'), len(ms))
        m = ms[0]
        rv = (m.get('remoteVolumes') or [{}])[0]
        ok = (m.get('localVolumeName') == vol_s
              and rv.get('targetName') == target
              and rv.get('remoteVolumeName') == vol_s
              and rv.get('syncStatus') == SYNC_SYNCED
              and (sec_vol is None or rv.get('remoteVolumeID') == sec_vol.get('id')))
        return ok, ('localVolumeName=%r remoteVolumes[0]=%s (secondary id %r)'
                    % (m.get('localVolumeName'), short(rv),
                       (sec_vol or {}).get('id')))
    step('[P] getRemoteCopyGroupVolumes(%s)' % rcg_s,
         lambda: pa.getRemoteCopyGroupVolumes(rcg_s), vols_check)
    step('[P] getRemoteCopyGroupVolume(%s, %s)' % (rcg_s, vol_s),
         lambda: pa.getRemoteCopyGroupVolume(rcg_s, vol_s),
         lambda b: (vols_check({'total': 1, 'members': [b]})))
    step('[S] getRemoteCopyGroupVolume(%s, %s): points back at the primary'
         % (remote_s, vol_s),
         lambda: sb.getRemoteCopyGroupVolume(remote_s, vol_s),
         lambda b: ((b.get('remoteVolumes') or [{}])[0].get('targetName') == back_target
                    and (b.get('remoteVolumes') or [{}])[0].get('remoteVolumeName') == vol_s,
                    'remoteVolumes=%s' % short(b.get('remoteVolumes'))))

    # ------------------------------------------------------------------ #
    # 4. data: a sync group mirrors host writes at once
    gens = {}

    def gen_check(expect_equal):
        def _c(d):
            gens['S'] = d.get('generation')
            ok = (d.get('generation') == gens.get('P')) == expect_equal
            return ok, ('secondary generation %r, primary %r'
                        % (d.get('generation'), gens.get('P')))
        return _c

    def wrote(who):
        def _c(d):
            gens[who] = d.get('generation')
            return isinstance(d.get('generation'), int), 'generation %r' % d.get('generation')
        return _c
    ctl_step('host write 10 MiB to %s on the primary' % vol_s, ctl_a, 'POST',
             '/volumes/%s/write' % vol_s, {'mib': 10}, check=wrote('P'))
    ctl_step('secondary %s has the same generation (sync mode)' % vol_s, ctl_b,
             'GET', '/volumes/%s' % vol_s, check=gen_check(True))
    ctl_step('host write on the secondary copy is refused (403)', ctl_b,
             'POST', '/volumes/%s/write' % vol_s, {'mib': 1}, want_status=403)
    step('[P] synchronizeRemoteCopyGroup(%s) (sync group)' % rcg_s,
         lambda: pa.synchronizeRemoteCopyGroup(rcg_s))
    step('[P] getRemoteCopyGroup(%s): volumeLastSyncTime / groupLastSyncTime '
         'reported' % rcg_s, lambda: pa.getRemoteCopyGroup(rcg_s),
         lambda b: ('volumeLastSyncTime' in b['volumes'][0]['remoteVolumes'][0]
                    and 'groupLastSyncTime' in b['targets'][0],
                    'remoteVolumes[0]=%s' % short(b['volumes'][0]['remoteVolumes'][0])))

    # ------------------------------------------------------------------ #
    # 5. errors
    nx = ('rcg-' + encode_name(uuid.uuid4()))[:22]
    expect_error('[P] getRemoteCopyGroup(missing %s)' % nx,
                 lambda: pa.getRemoteCopyGroup(nx), hpeexc.HTTPNotFound, 404, 187)
    expect_error('[S] getRemoteCopyGroup(%s) on the primary name (no .r suffix)'
                 % rcg_s, lambda: sb.getRemoteCopyGroup(rcg_s),
                 hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] getRemoteCopyGroupVolumes(missing)',
                 lambda: pa.getRemoteCopyGroupVolumes(nx), hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] startRemoteCopy(missing)', lambda: pa.startRemoteCopy(nx),
                 hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] stopRemoteCopy(missing)', lambda: pa.stopRemoteCopy(nx),
                 hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] synchronizeRemoteCopyGroup(missing)',
                 lambda: pa.synchronizeRemoteCopyGroup(nx), hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] modifyRemoteCopyGroup(missing)',
                 lambda: pa.modifyRemoteCopyGroup(nx, {'localUserCPG': cpg}),
                 hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] removeRemoteCopyGroup(missing)',
                 lambda: pa.removeRemoteCopyGroup(nx), hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] recoverRemoteCopyGroupFromDisaster(missing, 7)',
                 lambda: pa.recoverRemoteCopyGroupFromDisaster(nx, RC_FAILOVER),
                 hpeexc.HTTPNotFound, 404, 187)
    expect_error('[P] createRemoteCopyGroup duplicate %s' % rcg_s,
                 lambda: pa.createRemoteCopyGroup(rcg_s, targets_s, dict(opt_s)),
                 hpeexc.HTTPConflict, 409, 237,
                 'docstring lists EXISTENT_RCOPY_GROUP under HTTPNotFound')
    expect_error('[P] createRemoteCopyGroup(unknown target)',
                 lambda: pa.createRemoteCopyGroup(
                     nx, [{'targetName': 'nowhere', 'mode': MODE_SYNC}]),
                 hpeexc.HTTPForbidden, 403, 194)
    expect_error('[P] createRemoteCopyGroup(mode 9)',
                 lambda: pa.createRemoteCopyGroup(
                     nx, [{'targetName': target, 'mode': 9}]),
                 hpeexc.HTTPBadRequest, 400, 46)
    expect_error('[P] createRemoteCopyGroup(unknown remote userCPG)',
                 lambda: pa.createRemoteCopyGroup(
                     nx, [{'targetName': target, 'mode': MODE_SYNC,
                           'userCPG': 'NO_SUCH_CPG'}]),
                 hpeexc.HTTPNotFound, 404, 15)
    expect_error('[P] createRemoteCopyGroup(unknown localUserCPG)',
                 lambda: pa.createRemoteCopyGroup(
                     nx, [{'targetName': target, 'mode': MODE_SYNC}],
                     {'localUserCPG': 'NO_SUCH_CPG'}),
                 hpeexc.HTTPNotFound, 404, 15)
    expect_error("[P] createRemoteCopyGroup(name with a space)",
                 lambda: pa.createRemoteCopyGroup(
                     'rcg bad', [{'targetName': target, 'mode': MODE_SYNC}]),
                 hpeexc.HTTPBadRequest, 400, 69)
    expect_error('[P] createRemoteCopyGroup(23-char name; Cinder keeps 22)',
                 lambda: pa.createRemoteCopyGroup(
                     'rcg-' + 'x' * 19, [{'targetName': target, 'mode': MODE_SYNC}]),
                 hpeexc.HTTPBadRequest, 400, 57)
    step('[P] getRemoteCopyGroups(): the refused creates left nothing behind',
         pa.getRemoteCopyGroups,
         lambda b: ([m.get('name') for m in b.get('members', [])] == [rcg_s],
                    'names=%s' % [m.get('name') for m in b.get('members', [])]))
    expect_error('[P] startRemoteCopy(%s) while started (Cinder passes on 215)'
                 % rcg_s, lambda: pa.startRemoteCopy(rcg_s),
                 hpeexc.HTTPForbidden, 403, 215)
    expect_error('[P] removeRemoteCopyGroup(%s) while started' % rcg_s,
                 lambda: pa.removeRemoteCopyGroup(rcg_s),
                 hpeexc.HTTPForbidden, 403, 215)
    expect_error('[P] removeVolumeFromRemoteCopyGroup(%s, %s, '
                 'removeFromTarget=True) while started' % (rcg_s, vol_s),
                 lambda: pa.removeVolumeFromRemoteCopyGroup(
                     rcg_s, vol_s, removeFromTarget=True),
                 hpeexc.HTTPForbidden, 403, 215)
    expect_error('[P] removeVolumeFromRemoteCopyGroup(useHttpDelete=False) '
                 '(PUT action 2) while started',
                 lambda: pa.removeVolumeFromRemoteCopyGroup(
                     rcg_s, vol_s, useHttpDelete=False),
                 hpeexc.HTTPForbidden, 403, 215)
    expect_error('[P] deleteVolume(%s) while in a started group' % vol_s,
                 lambda: pa.deleteVolume(vol_s), hpeexc.HTTPForbidden, 403, 120)
    expect_error('[P] growVolume(%s) while in a started group' % vol_s,
                 lambda: pa.growVolume(vol_s, 1024), hpeexc.HTTPForbidden, 403, 120)
    expect_error('[P] recoverRemoteCopyGroupFromDisaster(%s, 7) on the primary '
                 'side' % rcg_s,
                 lambda: pa.recoverRemoteCopyGroupFromDisaster(rcg_s, RC_FAILOVER),
                 hpeexc.HTTPForbidden, 403,
                 why='RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE')
    expect_error('[P] recoverRemoteCopyGroupFromDisaster(%s, 99)' % rcg_s,
                 lambda: pa.recoverRemoteCopyGroupFromDisaster(rcg_s, 99),
                 hpeexc.HTTPBadRequest, 400, 46)
    expect_error('[S] recoverRemoteCopyGroupFromDisaster(%s, 7) while the group '
                 'is started' % remote_s,
                 lambda: sb.recoverRemoteCopyGroupFromDisaster(remote_s, RC_FAILOVER),
                 hpeexc.HTTPForbidden, 403, why='RCOPY_GROUP_NOT_STOPPED')
    expect_error('[S] synchronizeRemoteCopyGroup(%s) on the secondary side'
                 % remote_s, lambda: sb.synchronizeRemoteCopyGroup(remote_s),
                 hpeexc.HTTPForbidden, 403,
                 why='RCOPY_GROUP_OPERATION_ONLY_ON_PRIMARY_SIDE')
    expect_error('[S] stopRemoteCopy(%s) on the secondary side' % remote_s,
                 lambda: sb.stopRemoteCopy(remote_s), hpeexc.HTTPForbidden, 403,
                 why='RCOPY_GROUP_OPERATION_ONLY_ON_PRIMARY_SIDE')
    expect_error('[S] modifyRemoteCopyGroup(%s) on the secondary side (mirrored '
                 'configuration)' % remote_s,
                 lambda: sb.modifyRemoteCopyGroup(remote_s, {'localUserCPG': cpg}),
                 hpeexc.HTTPForbidden, 403,
                 why='RCOPY_GROUP_OPERATION_ONLY_ON_PRIMARY_SIDE')
    expect_error('[P] modifyRemoteCopyGroup(%s, syncPeriod) on a sync group'
                 % rcg_s,
                 lambda: pa.modifyRemoteCopyGroup(
                     rcg_s, {'targets': [{'targetName': target, 'syncPeriod': 900}]}),
                 hpeexc.HTTPForbidden, 403, why='RCOPY_GROUP_IS_NOT_PERIODIC')
    expect_error('[P] getRemoteCopyGroupVolume(%s, missing volume)' % rcg_s,
                 lambda: pa.getRemoteCopyGroupVolume(rcg_s, 'osv-nosuchvolume'),
                 hpeexc.HTTPNotFound, 404, 23)
    expect_error('[P] toggleRemoteCopyConfigMirror(unknown target) (only '
                 'HTTPBadRequest is swallowed)',
                 lambda: pa.toggleRemoteCopyConfigMirror('nowhere', False),
                 hpeexc.HTTPForbidden, 403, 194)

    # ------------------------------------------------------------------ #
    # 6. a periodic group: syncPeriod, policies in a separate call, Cinder's
    #    attribute modify, mixed modes on one target, sync on demand
    vol_p, rcg_p = cinder_names(uuid.uuid4())
    vol_p2, _ = cinder_names(uuid.uuid4())
    vol_p3, _ = cinder_names(uuid.uuid4())
    remote_p = '%s.r%s' % (rcg_p, primary_id)
    print('periodic group %s with %s, %s, %s' % (rcg_p, vol_p, vol_p2, vol_p3))
    for v in (vol_p, vol_p2, vol_p3):
        step('[P] createVolume(%s, %s, 2048, tpvv)' % (v, cpg),
             lambda v=v: pa.createVolume(v, cpg, 2048, {'tpvv': True, 'snapCPG': cpg}))
    targets_p = [{'targetName': target, 'mode': MODE_PERIODIC, 'userCPG': cpg,
                  'snapCPG': cpg}]
    step('[P] createRemoteCopyGroup(%s, mode 3 periodic, no local CPGs)' % rcg_p,
         lambda: pa.createRemoteCopyGroup(rcg_p, targets_p))
    step('[P] getRemoteCopyGroup(%s): periodic, no syncPeriod yet, '
         'overPeriodAlert on' % rcg_p, lambda: pa.getRemoteCopyGroup(rcg_p),
         lambda b: (group_check(rcg_p, ROLE_PRIMARY, remote_p, target,
                                mode=MODE_PERIODIC, state=STATE_NEW,
                                syncPeriod='<absent>')(b)[0]
                    and 'localUserCPG' not in b,
                    group_check(rcg_p, ROLE_PRIMARY, remote_p, target,
                                mode=MODE_PERIODIC, state=STATE_NEW,
                                syncPeriod='<absent>')(b)[1]))
    admit_p = [{'targetName': target, 'secVolumeName': vol_p}]
    step('[P] addVolumeToRemoteCopyGroup(%s, %s, volumeAutoCreation) (PUT)'
         % (rcg_p, vol_p),
         lambda: pa.addVolumeToRemoteCopyGroup(rcg_p, vol_p, admit_p,
                                               optional={'volumeAutoCreation': True}))
    step('[P] addVolumeToRemoteCopyGroup(%s, %s, volumeAutoCreation, '
         'useHttpPost=True) (POST .../volumes)' % (rcg_p, vol_p2),
         lambda: pa.addVolumeToRemoteCopyGroup(
             rcg_p, vol_p2, [{'targetName': target, 'secVolumeName': vol_p2}],
             optional={'volumeAutoCreation': True}, useHttpPost=True))
    step('[P] addVolumeToRemoteCopyGroup(%s, %s, volumeAutoCreation, '
         "skipInitialSync)" % (rcg_p, vol_p3),
         lambda: pa.addVolumeToRemoteCopyGroup(
             rcg_p, vol_p3, [{'targetName': target, 'secVolumeName': vol_p3}],
             optional={'volumeAutoCreation': True, 'skipInitialSync': True}))
    step('[P] getRemoteCopyGroupVolumes(%s): 3 volumes' % rcg_p,
         lambda: pa.getRemoteCopyGroupVolumes(rcg_p),
         lambda b: (sorted(m.get('localVolumeName') for m in b.get('members', []))
                    == sorted([vol_p, vol_p2, vol_p3]) and b.get('total') == 3,
                    'total=%r' % b.get('total')))
    expect_error('[P] addVolumeToRemoteCopyGroup(%s, %s) (already in %s)'
                 % (rcg_p, vol_s, rcg_s),
                 lambda: pa.addVolumeToRemoteCopyGroup(
                     rcg_p, vol_s, [{'targetName': target, 'secVolumeName': vol_s + 'x'}],
                     optional={'volumeAutoCreation': True}),
                 hpeexc.HTTPForbidden, 403, why='RCOPY_GROUP_VOL_IN_OTHER_GROUP')
    expect_error('[P] getRemoteCopyGroupVolume(%s, %s) (volume of another group)'
                 % (rcg_p, vol_s),
                 lambda: pa.getRemoteCopyGroupVolume(rcg_p, vol_s),
                 hpeexc.HTTPNotFound, 404, why='RCOPY_GROUP_VOL_NOT_IN_GROUP')
    sync_opt = {'targets': [{'targetName': target, 'syncPeriod': 900}]}
    step('[P] modifyRemoteCopyGroup(%s, %s) (Cinder: sync period)'
         % (rcg_p, short(sync_opt)),
         lambda: pa.modifyRemoteCopyGroup(rcg_p, sync_opt))
    pol_opt = {'targets': [{'targetName': target,
                            'policies': {'autoRecover': True,
                                         'overPeriodAlert': False}}]}
    step('[P] modifyRemoteCopyGroup(%s, %s) (policies: a separate call)'
         % (rcg_p, short(pol_opt)),
         lambda: pa.modifyRemoteCopyGroup(rcg_p, pol_opt))
    step('[P] getRemoteCopyGroup(%s): syncPeriod 900 and the policies'
         % rcg_p, lambda: pa.getRemoteCopyGroup(rcg_p),
         lambda b: (b['targets'][0].get('syncPeriod') == 900
                    and b['targets'][0].get('policies', {}).get('autoRecover') is True
                    and b['targets'][0].get('policies', {}).get('overPeriodAlert') is False,
                    'targets[0]=%s' % short(b['targets'][0], 400)))
    step('[S] getRemoteCopyGroup(%s): syncPeriod and policies mirrored'
         % remote_p, lambda: sb.getRemoteCopyGroup(remote_p),
         lambda b: (b['targets'][0].get('syncPeriod') == 900
                    and b['targets'][0].get('policies', {}).get('autoRecover') is True,
                    'targets[0]=%s' % short(b['targets'][0], 400)))
    attr_opt = {'localSnapCPG': cpg, 'localUserCPG': cpg,
                'targets': [{'targetName': target, 'remoteUserCPG': cpg,
                             'remoteSnapCPG': cpg}]}
    step('[P] modifyRemoteCopyGroup(%s, %s) (Cinder _set_rcg_attributes)'
         % (rcg_p, short(attr_opt)),
         lambda: pa.modifyRemoteCopyGroup(rcg_p, attr_opt))
    step('[P] getRemoteCopyGroup(%s): local and remote CPGs set' % rcg_p,
         lambda: pa.getRemoteCopyGroup(rcg_p),
         lambda b: (b.get('localUserCPG') == cpg and b.get('localSnapCPG') == cpg
                    and b['targets'][0].get('remoteUserCPG') == cpg
                    and b['targets'][0].get('remoteSnapCPG') == cpg
                    and b['targets'][0].get('syncPeriod') == 900,
                    'localUserCPG=%r localSnapCPG=%r targets[0]=%s'
                    % (b.get('localUserCPG'), b.get('localSnapCPG'),
                       short(b['targets'][0], 400))))
    expect_error('[P] modifyRemoteCopyGroup(policies + syncPeriod in one target '
                 'entry)',
                 lambda: pa.modifyRemoteCopyGroup(rcg_p, {'targets': [
                     {'targetName': target, 'syncPeriod': 600,
                      'policies': {'autoRecover': False}}]}),
                 hpeexc.HTTPBadRequest, 400, 44)
    expect_error('[P] modifyRemoteCopyGroup(syncPeriod 299)',
                 lambda: pa.modifyRemoteCopyGroup(rcg_p, {'targets': [
                     {'targetName': target, 'syncPeriod': 299}]}),
                 hpeexc.HTTPBadRequest, 400, 115)
    expect_error('[P] modifyRemoteCopyGroup(autoFailover on a periodic group)',
                 lambda: pa.modifyRemoteCopyGroup(rcg_p, {'targets': [
                     {'targetName': target, 'policies': {'autoFailover': True}}]}),
                 hpeexc.HTTPForbidden, 403,
                 why='RCOPY_GROUP_INV_POLICY_FOR_PERIODIC_GROUP')
    expect_error('[P] modifyRemoteCopyGroup(unknown targetName)',
                 lambda: pa.modifyRemoteCopyGroup(rcg_p, {'targets': [
                     {'targetName': 'nowhere', 'syncPeriod': 600}]}),
                 hpeexc.HTTPForbidden, 403, 194)
    expect_error('[P] startRemoteCopy(%s) beside the started sync group %s on '
                 'the same target' % (rcg_p, rcg_s),
                 lambda: pa.startRemoteCopy(rcg_p), hpeexc.HTTPBadRequest, 400, 236)
    step('[P] stopRemoteCopy(%s)' % rcg_s, lambda: pa.stopRemoteCopy(rcg_s))
    step('[P] stopRemoteCopy(%s) again (not an error)' % rcg_s,
         lambda: pa.stopRemoteCopy(rcg_s))
    step('[P] remoteCopyGroupStatusStoppedCheck(%s) (every targets[].state 5)'
         % rcg_s, lambda: pa.remoteCopyGroupStatusStoppedCheck(rcg_s),
         lambda r: (r is True, 'returned %r' % r))
    expect_error('[P] synchronizeRemoteCopyGroup(%s) while stopped' % rcg_s,
                 lambda: pa.synchronizeRemoteCopyGroup(rcg_s),
                 hpeexc.HTTPForbidden, 403, why='RCOPY_GROUP_NOT_STARTED')
    step('[P] startRemoteCopy(%s)' % rcg_p, lambda: pa.startRemoteCopy(rcg_p))
    step('[P] remoteCopyGroupStatusCheck(%s): started and synced' % rcg_p,
         lambda: pa.remoteCopyGroupStatusCheck(rcg_p),
         lambda r: (r is True, 'returned %r' % r))
    expect_error('[P] modifyRemoteCopyGroup(%s, mode 1) while started' % rcg_p,
                 lambda: pa.modifyRemoteCopyGroup(rcg_p, {'targets': [
                     {'targetName': target, 'mode': MODE_SYNC}]}),
                 hpeexc.HTTPForbidden, 403, 215)
    ctl_step('host write 20 MiB to %s on the primary' % vol_p, ctl_a, 'POST',
             '/volumes/%s/write' % vol_p, {'mib': 20}, check=wrote('P'))
    ctl_step('secondary %s is behind before a sync (periodic)' % vol_p, ctl_b,
             'GET', '/volumes/%s' % vol_p, check=gen_check(False))
    step('[P] getRemoteCopyGroupVolume(%s, %s): syncStatus not 3 yet'
         % (rcg_p, vol_p), lambda: pa.getRemoteCopyGroupVolume(rcg_p, vol_p),
         lambda b: (b['remoteVolumes'][0].get('syncStatus') != SYNC_SYNCED,
                    'syncStatus=%r' % b['remoteVolumes'][0].get('syncStatus')))
    step('[P] remoteCopyGroupStatusCheck(%s) is False before the sync' % rcg_p,
         lambda: pa.remoteCopyGroupStatusCheck(rcg_p),
         lambda r: (r is False, 'returned %r' % r))
    step('[P] synchronizeRemoteCopyGroup(%s)' % rcg_p,
         lambda: pa.synchronizeRemoteCopyGroup(rcg_p))
    ctl_step('secondary %s has the primary generation after the sync' % vol_p,
             ctl_b, 'GET', '/volumes/%s' % vol_p, check=gen_check(True))
    step('[P] remoteCopyGroupStatusCheck(%s) after the sync' % rcg_p,
         lambda: pa.remoteCopyGroupStatusCheck(rcg_p),
         lambda r: (r is True, 'returned %r' % r))
    step('[P] synchronizeRemoteCopyGroup(%s, {targetName, noResyncSnapshot})'
         % rcg_p, lambda: pa.synchronizeRemoteCopyGroup(
             rcg_p, {'targetName': target, 'noResyncSnapshot': True}))
    step('[P] stopRemoteCopy(%s, {noSnapshot, targetName})' % rcg_p,
         lambda: pa.stopRemoteCopy(rcg_p, {'noSnapshot': True,
                                           'targetName': target}))
    # three ways out of the group
    step('[P] removeVolumeFromRemoteCopyGroup(%s, %s, useHttpDelete=False) '
         '(PUT action 2)' % (rcg_p, vol_p3),
         lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_p, vol_p3,
                                                    useHttpDelete=False))
    step("[P] removeVolumeFromRemoteCopyGroup(%s, %s, {'keepSnap': True}) "
         '(DELETE ?keepSnap=true)' % (rcg_p, vol_p2),
         lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_p, vol_p2,
                                                    optional={'keepSnap': True}))
    step('[P] removeVolumeFromRemoteCopyGroup(%s, %s, removeFromTarget=True) '
         '(DELETE ?removeSecondaryVolume=true)' % (rcg_p, vol_p),
         lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_p, vol_p,
                                                    removeFromTarget=True))
    expect_error('[P] removeVolumeFromRemoteCopyGroup(%s, %s) again (not in '
                 'the group)' % (rcg_p, vol_p),
                 lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_p, vol_p),
                 hpeexc.HTTPNotFound, 404, why='RCOPY_GROUP_VOL_NOT_IN_GROUP')
    expect_error('[S] getVolume(%s): removed with removeSecondaryVolume' % vol_p,
                 lambda: sb.getVolume(vol_p), hpeexc.HTTPNotFound, 404, 23)
    for v in (vol_p2, vol_p3):
        step('[S] getVolume(%s): kept, writable again after the dismiss' % v,
             lambda v=v: sb.getVolume(v),
             lambda b: (b.get('readOnly') is False, 'readOnly=%r' % b.get('readOnly')))
        step('[S] deleteVolume(%s)' % v, lambda v=v: sb.deleteVolume(v))
    step('[P] getRemoteCopyGroup(%s): no volumes left' % rcg_p,
         lambda: pa.getRemoteCopyGroup(rcg_p),
         lambda b: (b.get('volumes') == [], 'volumes=%s' % short(b.get('volumes'))))
    step('[P] removeRemoteCopyGroup(%s, keep_snap=True)' % rcg_p,
         lambda: pa.removeRemoteCopyGroup(rcg_p, keep_snap=True))
    expect_error('[P] getRemoteCopyGroup(%s) after remove' % rcg_p,
                 lambda: pa.getRemoteCopyGroup(rcg_p), hpeexc.HTTPNotFound, 404, 187)
    expect_error('[S] getRemoteCopyGroup(%s): partner removed too' % remote_p,
                 lambda: sb.getRemoteCopyGroup(remote_p), hpeexc.HTTPNotFound, 404, 187)
    for v in (vol_p, vol_p2, vol_p3):
        step('[P] deleteVolume(%s)' % v, lambda v=v: pa.deleteVolume(v))
    # Cinder's own periodic mode number is 2 (HPE3PARCommon.PERIODIC)
    _, rcg_2 = cinder_names(uuid.uuid4())
    step('[P] createRemoteCopyGroup(%s, mode 2: Cinder\'s PERIODIC)' % rcg_2,
         lambda: pa.createRemoteCopyGroup(rcg_2, [
             {'targetName': target, 'mode': MODE_PERIODIC_CINDER,
              'userCPG': cpg, 'snapCPG': cpg}], dict(opt_s)))
    step('[P] modifyRemoteCopyGroup(%s, syncPeriod 300) (Cinder minimum)' % rcg_2,
         lambda: pa.modifyRemoteCopyGroup(rcg_2, {'targets': [
             {'targetName': target, 'syncPeriod': 300}]}))
    step('[P] getRemoteCopyGroup(%s): mode 2, syncPeriod 300' % rcg_2,
         lambda: pa.getRemoteCopyGroup(rcg_2),
         lambda b: (b['targets'][0].get('mode') == MODE_PERIODIC_CINDER
                    and b['targets'][0].get('syncPeriod') == 300,
                    'targets[0]=%s' % short(b['targets'][0], 400)))
    step('[P] removeRemoteCopyGroup(%s) (empty, never started)' % rcg_2,
         lambda: pa.removeRemoteCopyGroup(rcg_2))
    step('[P] startRemoteCopy(%s) again (full resync)' % rcg_s,
         lambda: pa.startRemoteCopy(rcg_s))
    step('[P] remoteCopyGroupStatusCheck(%s)' % rcg_s,
         lambda: pa.remoteCopyGroupStatusCheck(rcg_s),
         lambda r: (r is True, 'returned %r' % r))

    # ------------------------------------------------------------------ #
    # 7. disaster: the link goes, Cinder fails over to the secondary
    ctl_step('host write 4 MiB to %s (replicated while the link is up)' % vol_s,
             ctl_a, 'POST', '/volumes/%s/write' % vol_s, {'mib': 4},
             check=wrote('P'))
    ctl_step('secondary %s in step before the disaster' % vol_s, ctl_b, 'GET',
             '/volumes/%s' % vol_s, check=gen_check(True))
    gen_before = gens.get('P')
    ctl_step('cut the replication link', ctl_a, 'POST', '/links', {'up': False},
             check=lambda d: (d.get('up') is False, 'up=%r' % d.get('up')))
    ctl_step('host write 5 MiB to %s on the primary after the cut (lost to the '
             'secondary)' % vol_s, ctl_a, 'POST', '/volumes/%s/write' % vol_s,
             {'mib': 5}, check=wrote('P'))
    ctl_step('secondary %s still at the pre-disaster generation' % vol_s, ctl_b,
             'GET', '/volumes/%s' % vol_s,
             check=lambda d: (d.get('generation') == gen_before,
                              'generation %r, before the cut %r, primary now %r'
                              % (d.get('generation'), gen_before, gens.get('P'))))
    step('[S] getRemoteCopyGroup(%s): stopped by the link loss' % remote_s,
         lambda: sb.getRemoteCopyGroup(remote_s),
         group_check(remote_s, ROLE_SECONDARY, rcg_s, back_target,
                     state=STATE_STOPPED, roleReversed=False))
    step('[P] stopRemoteCopy(%s) (Cinder failover_host first; it eats errors)'
         % rcg_s, lambda: pa.stopRemoteCopy(rcg_s))
    expect_error('[P] recoverRemoteCopyGroupFromDisaster(%s, 7) on the primary '
                 'side (link down)' % rcg_s,
                 lambda: pa.recoverRemoteCopyGroupFromDisaster(rcg_s, RC_FAILOVER),
                 hpeexc.HTTPForbidden, 403,
                 why='RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE')
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 7 FAILOVER)' % remote_s,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(
             remote_s, sb.RC_ACTION_CHANGE_TO_PRIMARY))
    step('[S] getRemoteCopyGroup(%s): role 1, every targets[].roleReversed true'
         % remote_s, lambda: sb.getRemoteCopyGroup(remote_s),
         lambda b: (b.get('role') == ROLE_PRIMARY and b.get('targets')
                    and all(t.get('roleReversed') is True for t in b['targets']),
                    'role=%r targets=%s' % (b.get('role'), short(b.get('targets'), 400))))
    step('[P] getRemoteCopyGroup(%s): still role 1 (both sides primary)' % rcg_s,
         lambda: pa.getRemoteCopyGroup(rcg_s),
         lambda b: (b.get('role') == ROLE_PRIMARY, 'role=%r' % b.get('role')))
    step('[S] getVolume(%s): writable after the failover' % vol_s,
         lambda: sb.getVolume(vol_s),
         lambda b: (b.get('readOnly') is False, 'readOnly=%r' % b.get('readOnly')))
    expect_error('[S] recoverRemoteCopyGroupFromDisaster(%s, 7) again' % remote_s,
                 lambda: sb.recoverRemoteCopyGroupFromDisaster(remote_s, RC_FAILOVER),
                 hpeexc.HTTPForbidden, 403,
                 why='role conflict: already failed over')
    ctl_step('host write 3 MiB to %s on the secondary (now serving)' % vol_s,
             ctl_b, 'POST', '/volumes/%s/write' % vol_s, {'mib': 3},
             check=wrote('S'))
    gen_failover = gens.get('S')
    step('[S] cinder failback gate on %s before recovery: closed' % remote_s,
         lambda: sb.getRemoteCopyGroup(remote_s),
         lambda b: (not natural_direction(b)[0],
                    'gate problems: %s' % natural_direction(b)[1]))
    expect_error('[S] recoverRemoteCopyGroupFromDisaster(%s, 9 RECOVER) while '
                 'the link is down' % remote_s,
                 lambda: sb.recoverRemoteCopyGroupFromDisaster(
                     remote_s, sb.RC_ACTION_CHANGE_TO_SECONDARY),
                 hpeexc.HTTPForbidden, 403, why='RCOPY_TARGET_IS_NOT_READY')
    ctl_step('restore the replication link', ctl_a, 'POST', '/links', {'up': True},
             check=lambda d: (d.get('up') is True, 'up=%r' % d.get('up')))
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 9 RECOVER)' % remote_s,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(
             remote_s, sb.RC_ACTION_CHANGE_TO_SECONDARY))
    step('[P] getRemoteCopyGroup(%s): role 2 with roleReversed after RECOVER'
         % rcg_s, lambda: pa.getRemoteCopyGroup(rcg_s),
         lambda b: (b.get('role') == ROLE_SECONDARY
                    and all(t.get('roleReversed') is True for t in b.get('targets', [])),
                    'role=%r targets=%s' % (b.get('role'), short(b.get('targets'), 400))))
    ctl_step('primary %s has the data written during the failover' % vol_s,
             ctl_a, 'GET', '/volumes/%s' % vol_s,
             check=lambda d: (d.get('generation') == gen_failover,
                              'primary generation %r, secondary wrote %r'
                              % (d.get('generation'), gen_failover)))
    ctl_step('host write on the primary copy is refused while it is the '
             'reversed secondary (403)', ctl_a, 'POST',
             '/volumes/%s/write' % vol_s, {'mib': 1}, want_status=403)
    step('[S] cinder failback gate on %s after RECOVER: still closed '
         '(roleReversed)' % remote_s, lambda: sb.getRemoteCopyGroup(remote_s),
         lambda b: (not natural_direction(b)[0],
                    'gate problems: %s' % natural_direction(b)[1]))
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 10 RESTORE)' % remote_s,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(
             remote_s, sb.RC_ACTION_CHANGE_TO_NATURUAL_DIRECTION))

    def gate(b_role):
        def _c(b):
            ok, problems = natural_direction(b)
            ok = ok and b.get('role') == b_role and len(b.get('targets', [])) > 0
            return ok, ('role=%r; gate problems: %s; targets=%s'
                        % (b.get('role'), problems or 'none',
                           short([(t.get('roleReversed'), t.get('state'))
                                  for t in b.get('targets', [])])))
        return _c
    step('[P] cinder failback gate holds on %s (every targets[].roleReversed '
         'false, state 3, every remoteVolumes[].syncStatus 3), role 1' % rcg_s,
         lambda: pa.getRemoteCopyGroup(rcg_s), gate(ROLE_PRIMARY))
    step('[S] cinder failback gate holds on %s (the group Cinder reads through '
         'the failed-over client), role 2' % remote_s,
         lambda: sb.getRemoteCopyGroup(remote_s), gate(ROLE_SECONDARY))
    step('[P] remoteCopyGroupStatusCheck(%s) after RESTORE' % rcg_s,
         lambda: pa.remoteCopyGroupStatusCheck(rcg_s),
         lambda r: (r is True, 'returned %r' % r))
    step('[S] getVolume(%s): read-only again' % vol_s, lambda: sb.getVolume(vol_s),
         lambda b: (b.get('readOnly') is True, 'readOnly=%r' % b.get('readOnly')))
    step('[P] getVolume(%s): writable again' % vol_s, lambda: pa.getVolume(vol_s),
         lambda b: (b.get('readOnly') is False, 'readOnly=%r' % b.get('readOnly')))
    ctl_step('host write 2 MiB to %s on the primary after the failback' % vol_s,
             ctl_a, 'POST', '/volumes/%s/write' % vol_s, {'mib': 2},
             check=wrote('P'))
    ctl_step('secondary %s follows again (sync mode)' % vol_s, ctl_b, 'GET',
             '/volumes/%s' % vol_s, check=gen_check(True))

    # ------------------------------------------------------------------ #
    # 8. Cinder's _do_volume_replication_destroy() for the sync volume
    step('[P] stopRemoteCopy(%s)' % rcg_s, lambda: pa.stopRemoteCopy(rcg_s))
    step('[P] removeVolumeFromRemoteCopyGroup(%s, %s, removeFromTarget=True)'
         % (rcg_s, vol_s),
         lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_s, vol_s,
                                                    removeFromTarget=True))
    expect_error('[S] getVolume(%s): the secondary copy is gone' % vol_s,
                 lambda: sb.getVolume(vol_s), hpeexc.HTTPNotFound, 404, 23)
    step('[P] removeRemoteCopyGroup(%s)' % rcg_s,
         lambda: pa.removeRemoteCopyGroup(rcg_s))
    expect_error('[P] getRemoteCopyGroup(%s) after remove' % rcg_s,
                 lambda: pa.getRemoteCopyGroup(rcg_s), hpeexc.HTTPNotFound, 404, 187)
    expect_error('[S] getRemoteCopyGroup(%s) after remove' % remote_s,
                 lambda: sb.getRemoteCopyGroup(remote_s), hpeexc.HTTPNotFound, 404, 187)
    step('[P] deleteVolume(%s)' % vol_s, lambda: pa.deleteVolume(vol_s))

    # ------------------------------------------------------------------ #
    # 9. a Peer Persistence style sync group, failed over, then deleted the
    #    way Cinder deletes a failed-over volume (on the secondary)
    vol_d, rcg_d = cinder_names(uuid.uuid4())
    remote_d = '%s.r%s' % (rcg_d, primary_id)
    print('failed-over delete: volume %s, group %s' % (vol_d, rcg_d))
    step('[P] createVolume(%s, %s, 1024, tpvv)' % (vol_d, cpg),
         lambda: pa.createVolume(vol_d, cpg, 1024, {'tpvv': True, 'snapCPG': cpg}))
    step('[P] createRemoteCopyGroup(%s, sync, local CPGs)' % rcg_d,
         lambda: pa.createRemoteCopyGroup(rcg_d, targets_s, dict(opt_s)))
    step('[P] addVolumeToRemoteCopyGroup(%s, %s, volumeAutoCreation)'
         % (rcg_d, vol_d),
         lambda: pa.addVolumeToRemoteCopyGroup(
             rcg_d, vol_d, [{'targetName': target, 'secVolumeName': vol_d}],
             optional={'volumeAutoCreation': True}))
    pp = {'targets': [{'policies': {'autoFailover': True,
                                    'pathManagement': True,
                                    'autoRecover': True}}]}
    step('[P] modifyRemoteCopyGroup(%s, %s) (Cinder Peer Persistence: no '
         'targetName)' % (rcg_d, short(pp)),
         lambda: pa.modifyRemoteCopyGroup(rcg_d, pp))
    step('[P] getRemoteCopyGroup(%s): policies set' % rcg_d,
         lambda: pa.getRemoteCopyGroup(rcg_d),
         lambda b: (all(b['targets'][0].get('policies', {}).get(k) is True
                        for k in ('autoFailover', 'pathManagement', 'autoRecover')),
                    'policies=%s' % short(b['targets'][0].get('policies'))))
    step('[P] startRemoteCopy(%s)' % rcg_d, lambda: pa.startRemoteCopy(rcg_d))
    ctl_step('cut the replication link', ctl_b, 'POST', '/links', {'up': False},
             check=lambda d: (d.get('up') is False, 'up=%r' % d.get('up')))
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 7 FAILOVER)' % remote_d,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(remote_d, RC_FAILOVER))
    tgts = step('[S] getRemoteCopyGroup(%s)[targets] (Cinder reads the target '
                'names)' % remote_d,
                lambda: sb.getRemoteCopyGroup(remote_d)['targets'],
                lambda ts: ([t.get('targetName') for t in ts] == [back_target],
                            'targetNames=%s' % [t.get('targetName') for t in ts]))
    expect_error('[S] removeRemoteCopyGroup(%s) in failover with mirrorConfig on'
                 % remote_d, lambda: sb.removeRemoteCopyGroup(remote_d),
                 hpeexc.HTTPForbidden, 403, why='RCOPY_GROUP_IN_FAILOVER_STATE')
    for t in tgts or [{'targetName': back_target}]:
        step('[S] toggleRemoteCopyConfigMirror(%s, mirror_config=False)'
             % t['targetName'],
             lambda n=t['targetName']: sb.toggleRemoteCopyConfigMirror(
                 n, mirror_config=False))
    step('[S] GET /remotecopytargets/%s (cl.http.get): mirrorConfig false'
         % back_target,
         lambda: sb.http.get('/remotecopytargets/%s' % back_target)[1],
         lambda b: (b.get('policies', {}).get('mirrorConfig') is False,
                    'policies=%s' % short(b.get('policies'))))
    step('[S] stopRemoteCopy(%s)' % remote_d, lambda: sb.stopRemoteCopy(remote_d))
    step('[S] removeVolumeFromRemoteCopyGroup(%s, %s, removeFromTarget=True)'
         % (remote_d, vol_d),
         lambda: sb.removeVolumeFromRemoteCopyGroup(remote_d, vol_d,
                                                    removeFromTarget=True))
    step('[S] removeRemoteCopyGroup(%s)' % remote_d,
         lambda: sb.removeRemoteCopyGroup(remote_d))
    step('[S] deleteVolume(%s)' % vol_d, lambda: sb.deleteVolume(vol_d))
    for t in tgts or [{'targetName': back_target}]:
        step('[S] toggleRemoteCopyConfigMirror(%s, mirror_config=True)'
             % t['targetName'],
             lambda n=t['targetName']: sb.toggleRemoteCopyConfigMirror(
                 n, mirror_config=True))
    step('[S] GET /remotecopytargets/%s: mirrorConfig true again' % back_target,
         lambda: sb.http.get('/remotecopytargets/%s' % back_target)[1],
         lambda b: (b.get('policies', {}).get('mirrorConfig') is True,
                    'policies=%s' % short(b.get('policies'))))
    expect_error('[S] getRemoteCopyGroup(%s) after the delete' % remote_d,
                 lambda: sb.getRemoteCopyGroup(remote_d), hpeexc.HTTPNotFound, 404, 187)
    ctl_step('restore the replication link', ctl_b, 'POST', '/links', {'up': True},
             check=lambda d: (d.get('up') is True, 'up=%r' % d.get('up')))
    # the primary still has its half; Cinder's destroy on the primary clears it
    step('[P] stopRemoteCopy(%s)' % rcg_d, lambda: pa.stopRemoteCopy(rcg_d))
    step('[P] removeVolumeFromRemoteCopyGroup(%s, %s, removeFromTarget=True)'
         % (rcg_d, vol_d),
         lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_d, vol_d,
                                                    removeFromTarget=True))
    step('[P] removeRemoteCopyGroup(%s)' % rcg_d,
         lambda: pa.removeRemoteCopyGroup(rcg_d))
    step('[P] deleteVolume(%s)' % vol_d, lambda: pa.deleteVolume(vol_d))

    # ------------------------------------------------------------------ #
    # 10. the link comes back while a Peer Persistence group (autoRecover,
    #     as Cinder sets it) is failed over: the writes made on the
    #     failed-over secondary must survive until RECOVER ships them back
    vol_r, rcg_r = cinder_names(uuid.uuid4())
    remote_r = '%s.r%s' % (rcg_r, primary_id)
    print('autoRecover failover: volume %s, group %s' % (vol_r, rcg_r))
    step('[P] createVolume(%s, %s, 1024, tpvv)' % (vol_r, cpg),
         lambda: pa.createVolume(vol_r, cpg, 1024, {'tpvv': True, 'snapCPG': cpg}))
    step('[P] createRemoteCopyGroup(%s, sync, local CPGs)' % rcg_r,
         lambda: pa.createRemoteCopyGroup(rcg_r, targets_s, dict(opt_s)))
    step('[P] addVolumeToRemoteCopyGroup(%s, %s, volumeAutoCreation)'
         % (rcg_r, vol_r),
         lambda: pa.addVolumeToRemoteCopyGroup(
             rcg_r, vol_r, [{'targetName': target, 'secVolumeName': vol_r}],
             optional={'volumeAutoCreation': True}))
    step('[P] modifyRemoteCopyGroup(%s, %s) (Cinder Peer Persistence)'
         % (rcg_r, short(pp)), lambda: pa.modifyRemoteCopyGroup(rcg_r, pp))
    step('[P] startRemoteCopy(%s)' % rcg_r, lambda: pa.startRemoteCopy(rcg_r))
    ctl_step('host write 1 MiB to %s on the primary' % vol_r, ctl_a, 'POST',
             '/volumes/%s/write' % vol_r, {'mib': 1}, check=wrote('P'))
    ctl_step('cut the replication link', ctl_a, 'POST', '/links', {'up': False},
             check=lambda d: (d.get('up') is False, 'up=%r' % d.get('up')))
    step('[P] stopRemoteCopy(%s) (Cinder failover_host)' % rcg_r,
         lambda: pa.stopRemoteCopy(rcg_r))
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 7 FAILOVER)' % remote_r,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(remote_r, RC_FAILOVER))
    ctl_step('host write 3 MiB to %s on the failed-over secondary' % vol_r,
             ctl_b, 'POST', '/volumes/%s/write' % vol_r, {'mib': 3},
             check=wrote('S'))
    gen_r = gens.get('S')
    ctl_step('restore the replication link', ctl_a, 'POST', '/links', {'up': True},
             check=lambda d: (d.get('up') is True, 'up=%r' % d.get('up')))
    ctl_step('secondary %s keeps the failover writes once the link is back '
             '(both sides primary: the old primary must not replicate over '
             'them)' % vol_r, ctl_b, 'GET', '/volumes/%s' % vol_r,
             check=lambda d: (d.get('generation') == gen_r,
                              'generation %r, written during the failover %r'
                              % (d.get('generation'), gen_r)))
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 9 RECOVER)' % remote_r,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(remote_r, RC_RECOVER))
    ctl_step('primary %s has the data written during the failover after '
             'RECOVER' % vol_r, ctl_a, 'GET', '/volumes/%s' % vol_r,
             check=lambda d: (d.get('generation') == gen_r,
                              'primary generation %r, written on the secondary %r'
                              % (d.get('generation'), gen_r)))
    step('[S] recoverRemoteCopyGroupFromDisaster(%s, 10 RESTORE)' % remote_r,
         lambda: sb.recoverRemoteCopyGroupFromDisaster(remote_r, RC_RESTORE))
    step('[P] cinder failback gate holds on %s' % rcg_r,
         lambda: pa.getRemoteCopyGroup(rcg_r), gate(ROLE_PRIMARY))
    step('[P] stopRemoteCopy(%s)' % rcg_r, lambda: pa.stopRemoteCopy(rcg_r))
    step('[P] removeVolumeFromRemoteCopyGroup(%s, %s, removeFromTarget=True)'
         % (rcg_r, vol_r),
         lambda: pa.removeVolumeFromRemoteCopyGroup(rcg_r, vol_r,
                                                    removeFromTarget=True))
    step('[P] removeRemoteCopyGroup(%s)' % rcg_r,
         lambda: pa.removeRemoteCopyGroup(rcg_r))
    step('[P] deleteVolume(%s)' % vol_r, lambda: pa.deleteVolume(vol_r))

    # ------------------------------------------------------------------ #
    # 11. nothing left behind
    for who, c in (('P', pa), ('S', sb)):
        step('[%s] getRemoteCopyGroups(): none left' % who, c.getRemoteCopyGroups,
             lambda b: (b.get('total') == 0 and b.get('members') == [],
                        'total=%r names=%s' % (b.get('total'),
                                               [m.get('name') for m in b.get('members', [])])))
        step('[%s] getVolumes(): no osv- volumes left' % who, c.getVolumes,
             lambda b: (not [m for m in b.get('members', [])
                             if m.get('name', '').startswith('osv-')],
                        'left=%s' % [m.get('name') for m in b.get('members', [])
                                     if m.get('name', '').startswith('osv-')]))

    for who, c in (('P', pa), ('S', sb)):
        close_client(c, reauths[who], who)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
