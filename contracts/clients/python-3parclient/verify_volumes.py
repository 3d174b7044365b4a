#!/usr/bin/env python3
"""verify_volumes.py -- drive the emulator's WSAPI with the real, unmodified
python-3parclient (hpe3parclient) through the volume-side calls a Cinder-like
user makes, and report PASS/FAIL per step.  Exit status: 0 if every step
passed, 1 otherwise.

Usage:
    python3 contracts/clients/python-3parclient/verify_volumes.py \
        [http://127.0.0.1:8080/api/v1] [--user 3paradm] [--password 3pardata] \
        [--prefix VV] [--timeout 30] [--debug]

The script needs the emulator: it starts with POST /_emulator/reset, steers
tasks through POST /_emulator/tasks[/<id>] and simulates host writes through
POST /_emulator/volumes/<name>/write.  The default fixture's CPGs FC_r1
(RAID1/FC) and SSD_r5 (RAID5/SSD) are used.

Covered: createVolume (FPVV, TPVV+snapCPG, TDVV on SSD, comment and
expirationHours), getVolume / getVolumes / a wwn query, growVolume,
modifyVolume, deleteVolume and createVolume errors, createSnapshot (RW / RO,
snapshot of a snapshot), getVolumeSnapshots, copyVolume online (done and
stopped with stopOnlinePhysicalCopy) and offline (saveSnapshot, then
resyncPhysicalCopy / stopOfflinePhysicalCopy), getTask / getAllTasks and bad
task ids, promoteVirtualCopy, volume sets (create / get / find / add /
remove / rename / createSnapshotOfVolumeSet / delete and their errors),
volume metadata, and a thin volume written past its CPG's growth limit.

Expectations come from the client's code and docstrings, from the upstream
functional tests / flask mock server of hpe-storage/python-3parclient and
from what a real array answers:
    NON_EXISTENT_VOL=23 (404), EXISTENT_VOL=22 (409), NO_SPACE=24 (400),
    HAS_RO_CHILD=25 (409 on the array; the deleteVolume docstring says
    HTTPForbidden), HAS_CHILD=32 (409), IN_USE=34 (409),
    INV_INPUT_EXCEEDS_LENGTH=57 (400), NON_EXISTENT_CPG=15 (404),
    EXISTENT_SET=101 (409; docstring says HTTPBadRequest, upstream test
    test_7_create_volume_set_dup expects HTTPConflict), NON_EXISTENT_SET=102
    (404), INV_OPERATION_UNSUPPORTED_VV_TYPE=150 (403, growing a snapshot),
    NON_EXISTENT_OBJECT_KEY=180 (404).
    Wire enums: provisioningType FULL=1 TPVV=2 SNP=3 TDVV=6; copyType BASE=1
    PHYSICAL_COPY=2 VIRTUAL_COPY=3; task status DONE=1 ACTIVE=2 CANCELLED=3
    FAILED=4.  (The client's TPVV=1/FPVV=2/TDVV=3 constants are tuneVolume
    conversion operations, not provisioningType values.)

Notes on client behaviour that shape this script (see http.py / client.py):
  * Every 401 AND 403 answer makes the client log in again (POST
    /credentials) and repeat the request once, so a documented 403 (e.g.
    growVolume on a snapshot, code 150) is sent twice and costs a new
    session; the emulator must answer the repeat identically.  The step
    "re-logins caused by 403 answers" reports how many happened.
  * getVolumeSnapshots() sends GET /volumes?query="copyOf EQ <name>" (quotes
    and spaces percent-encoded by requests) and then keeps only members
    whose copyOf == name and copyType == 3, in the order the array lists
    them.
  * The client has no getVolumeByWwn(); the wwn lookup here goes through the
    client's own http object with the same query syntax.
  * isOnlinePhysicalCopy() / stopOnlinePhysicalCopy() find the copy task in
    GET /tasks by task name == destination volume name (first match, so the
    list order matters).  stopOnlinePhysicalCopy() cancels with PUT
    /tasks/<id> {"action": 1} (a 400 there is swallowed), then polls GET
    /tasks every second until the task is no longer active (no timeout), then
    GETs the destination (which must still exist), follows copyOf twice and
    deletes destination, copyOf and copyOf-of-copyOf in that order.  It runs
    here in a thread with a time limit.
  * copyVolume() drops destCPG from the body when 'online' is not true.
  * setVolumeMetaData() POSTs /volumes/<n>/objectKeyValues and, only on a
    409, PUTs /volumes/<n>/objectKeyValues/<key> {"value": ...}.
  * findVolumeSet() is GET /volumesets and a search of each member's
    setmembers list.
"""

import json
import re
import sys
import threading
import time
import uuid

from hpe3parclient import client as hpeclient  # noqa: E402
from hpe3parclient import exceptions as hpeexc  # noqa: E402

from verify_common import (  # noqa: E402
    TRACE, Control, caching, close_client, control_step, expect_error,
    finish, fresh_client, install_trace, note, parse_args,
    print_client_version, quiet_tls_warnings, record, short, step)

PROV_FULL, PROV_TPVV, PROV_SNP, PROV_TDVV = 1, 2, 3, 6
COPY_BASE, COPY_PHYSICAL, COPY_VIRTUAL = 1, 2, 3
TASK_DONE, TASK_ACTIVE, TASK_CANCELLED, TASK_FAILED = 1, 2, 3, 4
CHUNKLET_GROW_MIB = 1024   # growVolume rounds up to this on the emulated array
WWN_RE = re.compile(r'^[0-9A-Fa-f]{32}$')


def names_of(volumes_body):
    return [m.get('name') for m in (volumes_body or {}).get('members', [])]


def main():
    args = parse_args(__doc__, prefix_help='volume name prefix (default: VV + 4 random hex chars)')

    url = args.url.rstrip('/')
    P = args.prefix or ('VV' + uuid.uuid4().hex[:4].upper())
    print_client_version()
    print('target %s, user %s, name prefix %s' % (url, args.user, P))
    quiet_tls_warnings()

    ctl = Control(url, min(args.timeout, 10))

    def ctl_step(name, path, body, want_status=200, check=None):
        return control_step(name, ctl, 'POST', path, body, want_status, check)

    # ------------------------------------------------------------------ #
    # 0. clean start
    cl, reauths = fresh_client(ctl, url, args)
    if cl is None:
        return finish()
    if cl.primera_supported:
        note('client runs in Primera mode (build >= %d): createVolume/copyVolume '
             'rewrite tpvv/tdvv/compression' % cl.HPE3PAR_WS_PRIMERA_MIN_BUILD_VERSION)

    vol_cache = {}
    getv = caching(cl.getVolume, vol_cache)

    def vol_check(**want):
        """check(body): every key in want equals body[key]; special keys:
        absent=[keys], wwn=True."""
        def _c(b):
            problems = []
            seen = {}
            for k, v in want.items():
                if k == 'absent':
                    for a in v:
                        seen[a] = b.get(a, '<absent>')
                        if a in b:
                            problems.append('%s present (%r), expected absent'
                                            % (a, b[a]))
                    continue
                if k == 'wwn':
                    seen['wwn'] = b.get('wwn')
                    if not (isinstance(b.get('wwn'), str)
                            and WWN_RE.match(b['wwn'])):
                        problems.append('wwn %r is not 32 hex digits'
                                        % b.get('wwn'))
                    continue
                seen[k] = b.get(k, '<absent>')
                if b.get(k, '<absent>') != v:
                    problems.append('%s=%r, expected %r' % (k, b.get(k, '<absent>'), v))
            if problems:
                return False, '; '.join(problems)
            return True, 'saw ' + short(seen, 400)
        return _c

    # ------------------------------------------------------------------ #
    # 1. createVolume / getVolume
    fp, tp, td, ex = P + '_fp', P + '_tp', P + '_td', P + '_ex'
    step('createVolume(%s, FC_r1, 1000) (FPVV, no optional)' % fp,
         lambda: cl.createVolume(fp, 'FC_r1', 1000))
    step('getVolume(%s): FPVV, 1000 MiB rounded up to 1024' % fp,
         lambda: getv(fp),
         vol_check(name=fp, sizeMiB=1024, provisioningType=PROV_FULL,
                   copyType=COPY_BASE, userCPG='FC_r1', readOnly=False,
                   wwn=True, absent=['snapCPG', 'copyOf']))
    if fp in vol_cache:
        b = vol_cache[fp]
        record(b.get('baseId') == b.get('id'), 'getVolume(%s): baseId == id for a base volume' % fp,
               'id=%r baseId=%r' % (b.get('id'), b.get('baseId')))

    step("createVolume(%s, FC_r1, 2000, {'tpvv': True, 'snapCPG': 'FC_r1'})" % tp,
         lambda: cl.createVolume(tp, 'FC_r1', 2000,
                                 {'tpvv': True, 'snapCPG': 'FC_r1'}))
    step('getVolume(%s): TPVV, 2000 MiB rounded up to 2048' % tp,
         lambda: getv(tp),
         vol_check(name=tp, sizeMiB=2048, provisioningType=PROV_TPVV,
                   copyType=COPY_BASE, userCPG='FC_r1', snapCPG='FC_r1',
                   wwn=True))

    step("createVolume(%s, SSD_r5, 16384, {'tdvv': True, 'snapCPG': 'SSD_r5'})" % td,
         lambda: cl.createVolume(td, 'SSD_r5', 16384,
                                 {'tdvv': True, 'snapCPG': 'SSD_r5'}))
    step('getVolume(%s): TDVV' % td, lambda: getv(td),
         vol_check(name=td, sizeMiB=16384, provisioningType=PROV_TDVV,
                   copyType=COPY_BASE, userCPG='SSD_r5', snapCPG='SSD_r5',
                   wwn=True))

    ex_opts = {'tpvv': True, 'snapCPG': 'FC_r1', 'comment': 'cinder volume %s' % ex,
               'expirationHours': 48}
    step('createVolume(%s, FC_r1, 300, %s)' % (ex, short(ex_opts)),
         lambda: cl.createVolume(ex, 'FC_r1', 300, dict(ex_opts)))

    def ex_check(b):
        ok, detail = vol_check(sizeMiB=512, comment=ex_opts['comment'],
                               provisioningType=PROV_TPVV)(b)
        c, e = b.get('creationTimeSec'), b.get('expirationTimeSec')
        if not isinstance(c, int) or not isinstance(e, int):
            return False, '%s; creationTimeSec=%r expirationTimeSec=%r' % (detail, c, e)
        delta = e - c
        ok = ok and abs(delta - 48 * 3600) <= 5
        return ok, '%s; expirationTimeSec - creationTimeSec = %d (want 172800); expirationTime8601=%r' % (
            detail, delta, b.get('expirationTime8601'))
    step('getVolume(%s): 300 MiB -> 512, comment, expiration 48 h' % ex,
         lambda: getv(ex), ex_check)

    wwns = [vol_cache[n].get('wwn') for n in (fp, tp, td, ex) if n in vol_cache]
    record(len(wwns) == 4 and len(set(wwns)) == 4,
           'the four volumes have distinct wwns', short(wwns))

    def vols_check(b):
        if not isinstance(b, dict) or not isinstance(b.get('members'), list):
            return False, 'needs total + members'
        names = names_of(b)
        missing = [n for n in (fp, tp, td, ex) if n not in names]
        ok = b.get('total') == len(b['members']) and not missing
        return ok, 'total=%r members=%s missing=%s' % (b.get('total'), names, missing)
    step('getVolumes() lists all four', cl.getVolumes, vols_check)

    fp_wwn = vol_cache.get(fp, {}).get('wwn')
    note('the client has no getVolumeByWwn(); querying through cl.http.get with '
         'the getVolumeSnapshots() query syntax')
    if fp_wwn:
        step('GET /volumes?query="wwn EQ %s" (client http)' % fp_wwn,
             lambda: cl.http.get('/volumes?query="wwn EQ %s"' % fp_wwn)[1],
             lambda b: (names_of(b) == [fp] and b.get('total') == 1,
                        'members=%s total=%r' % (names_of(b), b.get('total'))))

    # growVolume
    step('growVolume(%s, 1)' % fp, lambda: cl.growVolume(fp, 1))
    step('getVolume(%s): grown by one chunklet (1024 -> %d)'
         % (fp, 1024 + CHUNKLET_GROW_MIB),
         lambda: getv(fp), vol_check(sizeMiB=1024 + CHUNKLET_GROW_MIB))

    # modifyVolume
    ex2 = P + '_ex2'
    mods = {'newName': ex2, 'comment': 'renamed by verify_volumes',
            'snapCPG': 'SSD_r5'}
    step('modifyVolume(%s, %s)' % (ex, short(mods)),
         lambda: cl.modifyVolume(ex, dict(mods)),
         lambda r: (True, 'client returns (headers, body) of the PUT: body=%s'
                    % short(r[1] if isinstance(r, tuple) else r)))
    old_ex = vol_cache.get(ex, {})

    def ex2_check(b):
        ok, detail = vol_check(name=ex2, comment=mods['comment'],
                               snapCPG='SSD_r5', userCPG='FC_r1')(b)
        same = b.get('id') == old_ex.get('id') and b.get('wwn') == old_ex.get('wwn')
        return ok and same, '%s; id/wwn kept: %s' % (detail, same)
    step('getVolume(%s) after rename' % ex2, lambda: getv(ex2), ex2_check)
    expect_error('getVolume(%s) old name after rename' % ex,
                 lambda: cl.getVolume(ex), hpeexc.HTTPNotFound, 404, 23)

    # ------------------------------------------------------------------ #
    # 2. snapshots (family of tp)
    s1, sro, s2 = P + '_s1', P + '_sro', P + '_s2'
    step('createSnapshot(%s, %s) (RW)' % (s1, tp),
         lambda: cl.createSnapshot(s1, tp))
    tp_id = vol_cache.get(tp, {}).get('id')
    step('getVolume(%s): RW snapshot of %s' % (s1, tp), lambda: getv(s1),
         vol_check(copyType=COPY_VIRTUAL, provisioningType=PROV_SNP,
                   copyOf=tp, baseId=tp_id, parentId=tp_id, readOnly=False,
                   sizeMiB=vol_cache.get(tp, {}).get('sizeMiB'), wwn=True))
    step("createSnapshot(%s, %s, {'readOnly': True})" % (sro, tp),
         lambda: cl.createSnapshot(sro, tp, {'readOnly': True}))
    step('getVolume(%s): RO snapshot of %s' % (sro, tp), lambda: getv(sro),
         vol_check(copyType=COPY_VIRTUAL, copyOf=tp, baseId=tp_id,
                   parentId=tp_id, readOnly=True))
    step('getVolumeSnapshots(%s) == [%s, %s] (creation order)' % (tp, s1, sro),
         lambda: cl.getVolumeSnapshots(tp),
         lambda r: (r == [s1, sro], 'got %r' % (r,)))
    step('createSnapshot(%s, %s) (snapshot of a snapshot)' % (s2, s1),
         lambda: cl.createSnapshot(s2, s1))
    s1_id = vol_cache.get(s1, {}).get('id')
    step('getVolume(%s): baseId stays %s, parentId/copyOf = %s' % (s2, tp, s1),
         lambda: getv(s2),
         vol_check(copyType=COPY_VIRTUAL, copyOf=s1, baseId=tp_id,
                   parentId=s1_id, readOnly=False))
    step('getVolumeSnapshots(%s) still [%s, %s]' % (tp, s1, sro),
         lambda: cl.getVolumeSnapshots(tp),
         lambda r: (r == [s1, sro], 'got %r' % (r,)))
    def copyof_query_check(b):
        got = [(m.get('name'), m.get('copyOf')) for m in b.get('members', [])]
        ok = (b.get('total') == len(got)
              and sorted(n for n, _ in got) == sorted([s1, sro])
              and all(c == tp for _, c in got))
        return ok, 'members (name, copyOf)=%s total=%r' % (got, b.get('total'))
    step('GET /volumes?query="copyOf EQ %s" (the getVolumeSnapshots URL) '
         'filters on the server' % tp,
         lambda: cl.http.get('/volumes?query="copyOf EQ %s"' % tp)[1],
         copyof_query_check)
    step('getVolumeSnapshots(%s) == [%s]' % (s1, s2),
         lambda: cl.getVolumeSnapshots(s1),
         lambda r: (r == [s2], 'got %r' % (r,)))
    step('getVolume(%s) child ids (informational)' % tp, lambda: getv(tp),
         lambda b: (True, 'rwChildId=%r roChildId=%r (s1 id %r, sro id %r)'
                    % (b.get('rwChildId'), b.get('roChildId'), s1_id,
                       vol_cache.get(sro, {}).get('id'))))

    n_reauth_before = len(reauths)
    expect_error('growVolume(%s, 1) on a snapshot' % s1,
                 lambda: cl.growVolume(s1, 1), hpeexc.HTTPForbidden, 403, 150)
    record(len(reauths) - n_reauth_before == 1,
           'growVolume on a snapshot: client re-logged in once and repeated '
           'the PUT (403 handling)',
           're-logins during the call: %d' % (len(reauths) - n_reauth_before))

    # deleteVolume errors
    expect_error('deleteVolume(%s) unknown' % (P + '_nx'),
                 lambda: cl.deleteVolume(P + '_nx'), hpeexc.HTTPNotFound, 404, 23)
    expect_error('deleteVolume(%s) with RW snapshot %s' % (tp, s1),
                 lambda: cl.deleteVolume(tp), hpeexc.HTTPConflict, 409, 32,
                 'HAS_CHILD')
    expect_error('deleteVolume(%s) (a snapshot) with its own snapshot %s' % (s1, s2),
                 lambda: cl.deleteVolume(s1), hpeexc.HTTPConflict, 409, 32,
                 'HAS_CHILD')
    rob, robs = P + '_rob', P + '_robs'
    step('createVolume(%s) + RO snapshot %s' % (rob, robs),
         lambda: (cl.createVolume(rob, 'FC_r1', 1024,
                                  {'tpvv': True, 'snapCPG': 'FC_r1'}),
                  cl.createSnapshot(robs, rob, {'readOnly': True})))
    expect_error('deleteVolume(%s) with only a RO snapshot' % rob,
                 lambda: cl.deleteVolume(rob), hpeexc.HTTPConflict, 409, 25,
                 'HAS_RO_CHILD; docstring says HTTPForbidden, array sends 409')

    # createVolume errors
    expect_error('createVolume(%s) duplicate' % fp,
                 lambda: cl.createVolume(fp, 'FC_r1', 1024),
                 hpeexc.HTTPConflict, 409, 22)
    expect_error('createVolume(%s, NoSuchCPG)' % (P + '_nc'),
                 lambda: cl.createVolume(P + '_nc', 'NoSuchCPG', 1024),
                 hpeexc.HTTPNotFound, 404, 15)
    long_name = (P + '_' + 'L' * 40)[:32]
    expect_error('createVolume(32-char name %s)' % long_name,
                 lambda: cl.createVolume(long_name, 'FC_r1', 1024),
                 hpeexc.HTTPBadRequest, 400, 57)
    expect_error("createVolume(%s, optional {'bogus': 1})" % (P + '_bp'),
                 lambda: cl.createVolume(P + '_bp', 'FC_r1', 1024, {'bogus': 1}),
                 hpeexc.HTTPBadRequest, 400)
    expect_error("createVolume(%s, optional {'tpvv': 'yes'})" % (P + '_bt'),
                 lambda: cl.createVolume(P + '_bt', 'FC_r1', 1024, {'tpvv': 'yes'}),
                 hpeexc.HTTPBadRequest, 400)
    for n in (P + '_nc', long_name, P + '_bp', P + '_bt'):
        try:
            cl.getVolume(n)
            record(False, 'failed createVolume left nothing behind (%s)' % n,
                   'volume exists after an error answer')
        except hpeexc.HTTPNotFound:
            pass
        except Exception:  # noqa
            pass

    # ------------------------------------------------------------------ #
    # 3. copies
    ctl_step('tasks last 10 min on the emulator clock (so they stay active)',
             '/tasks', {'durationMs': 600000})
    before = step('getVolumes() before copies', cl.getVolumes,
                  lambda b: (True, 'names=%s' % names_of(b)))
    names_before = set(names_of(before))

    oc = P + '_oc'
    copt = {'online': True, 'tpvv': True, 'snapCPG': 'FC_r1'}
    r = step('copyVolume(%s, %s, FC_r1, %s)' % (fp, oc, short(copt)),
             lambda: cl.copyVolume(fp, oc, 'FC_r1', dict(copt)),
             lambda b: (isinstance(b, dict) and isinstance(b.get('taskid'), int),
                        "needs {'taskid': int}"))
    t1 = r.get('taskid') if isinstance(r, dict) else None
    step('isOnlinePhysicalCopy(%s) while the copy runs' % oc,
         lambda: cl.isOnlinePhysicalCopy(oc), lambda v: (v is True, 'got %r' % v))
    step('isOnlinePhysicalCopy(%s) (not a copy target)' % td,
         lambda: cl.isOnlinePhysicalCopy(td), lambda v: (v is False, 'got %r' % v))
    if t1 is not None:
        step('getTask(%d) active, named after the destination' % t1,
             lambda: cl.getTask(t1),
             lambda b: (b.get('status') == TASK_ACTIVE and b.get('name') == oc
                        and b.get('id') == t1,
                        'status=%r name=%r type=%r' % (b.get('status'), b.get('name'),
                                                       b.get('type'))))
    step('getVolume(%s) during the online copy (informational)' % oc,
         lambda: getv(oc),
         lambda b: (True, 'copyType=%r copyOf=%r provisioningType=%r '
                    'additionalStates=%r sizeMiB=%r'
                    % (b.get('copyType'), b.get('copyOf'),
                       b.get('provisioningType'), b.get('additionalStates'),
                       b.get('sizeMiB'))))
    if t1 is not None:
        # A real array prints task times as local time plus the zone
        # abbreviation ("2017-08-02 02:07:00 PDT"; strftime %Z, e.g. CET/CEST
        # for Europe/Berlin); the client hands startTime/finishTime through
        # _findTask() unparsed.
        tz_re = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z]{2,5}$')
        step('getTask(%d) startTime is "YYYY-MM-DD hh:mm:ss <zone abbreviation>"' % t1,
             lambda: cl.getTask(t1),
             lambda b: (bool(tz_re.match(str(b.get('startTime')))),
                        'startTime=%r (a real array in Europe/Berlin prints e.g. '
                        '"2026-11-23 16:04:36 CET")' % b.get('startTime')))
        step('getAllTasks() contains task %d' % t1, cl.getAllTasks,
             lambda b: (t1 in [m.get('id') for m in b.get('members', [])]
                        and b.get('total') == len(b.get('members', [])),
                        'ids=%s total=%r' % ([m.get('id') for m in b.get('members', [])],
                                             b.get('total'))))
        ctl_step('end task %d: done' % t1, '/tasks/%d' % t1, {'end': 'done'})
        step('getTask(%d) done' % t1, lambda: cl.getTask(t1),
             lambda b: (b.get('status') == TASK_DONE,
                        'status=%r finishTime=%r' % (b.get('status'),
                                                     b.get('finishTime'))))
    step('isOnlinePhysicalCopy(%s) after the copy' % oc,
         lambda: cl.isOnlinePhysicalCopy(oc), lambda v: (v is False, 'got %r' % v))
    step('getVolume(%s) after the copy: a plain base TPVV' % oc, lambda: getv(oc),
         vol_check(copyType=COPY_BASE, provisioningType=PROV_TPVV,
                   userCPG='FC_r1', snapCPG='FC_r1',
                   sizeMiB=vol_cache.get(fp, {}).get('sizeMiB'),
                   absent=['copyOf', 'physParentId'], wwn=True))
    step('getVolumes() after the copy: only %s added (helper snapshots gone)' % oc,
         cl.getVolumes,
         lambda b: (set(names_of(b)) == names_before | {oc},
                    'added=%s removed=%s' % (sorted(set(names_of(b)) - names_before),
                                             sorted(names_before - set(names_of(b))))))

    # online copy stopped through stopOnlinePhysicalCopy
    oc2 = P + '_oc2'
    r = step('copyVolume(%s, %s, FC_r1, %s)' % (fp, oc2, short(copt)),
             lambda: cl.copyVolume(fp, oc2, 'FC_r1', dict(copt)),
             lambda b: (isinstance(b, dict) and isinstance(b.get('taskid'), int),
                        "needs {'taskid': int}"))
    t2 = r.get('taskid') if isinstance(r, dict) else None
    step('getVolumes() during the second copy (informational)', cl.getVolumes,
         lambda b: (True, 'added=%s' % sorted(set(names_of(b)) - names_before - {oc})))
    if oc2 in names_of(cl.getVolumes()):
        step('getVolume(%s) chain (informational)' % oc2, lambda: getv(oc2),
             lambda b: (True, 'copyOf=%r copyType=%r' % (b.get('copyOf'),
                                                        b.get('copyType'))))
        if vol_cache.get(oc2, {}).get('copyOf'):
            c1 = vol_cache[oc2]['copyOf']
            step('getVolume(%s) (informational)' % c1, lambda: getv(c1),
                 lambda b: (True, 'copyOf=%r copyType=%r readOnly=%r'
                            % (b.get('copyOf'), b.get('copyType'), b.get('readOnly'))))

    def stop_online():
        other = hpeclient.HPE3ParClient(url, secure=False, timeout=args.timeout)
        install_trace(other)
        other.login(args.user, args.password)
        box = {}

        def run():
            try:
                box['result'] = other.stopOnlinePhysicalCopy(oc2)
            except Exception as e:  # noqa
                box['error'] = e
        th = threading.Thread(target=run, daemon=True)
        started = time.time()
        th.start()
        th.join(15)
        if th.is_alive():
            raise RuntimeError('stopOnlinePhysicalCopy still polling after 15 s '
                               '(task never left status 2 in GET /tasks)')
        if 'error' in box:
            raise box['error']
        return 'returned %r after %.1f s' % (box.get('result'), time.time() - started)
    step('stopOnlinePhysicalCopy(%s)' % oc2, stop_online)
    expect_error('getVolume(%s) after stopOnlinePhysicalCopy' % oc2,
                 lambda: cl.getVolume(oc2), hpeexc.HTTPNotFound, 404, 23)
    step('getVolumes() after the stopped copy: helper snapshots gone', cl.getVolumes,
         lambda b: (set(names_of(b)) == names_before | {oc},
                    'extra=%s missing=%s' % (sorted(set(names_of(b)) - names_before - {oc}),
                                             sorted((names_before | {oc}) - set(names_of(b))))))
    if t2 is not None:
        step('getTask(%d) cancelled' % t2, lambda: cl.getTask(t2),
             lambda b: (b.get('status') == TASK_CANCELLED,
                        'status=%r' % b.get('status')))

    # online copy that finishes by itself when the emulator clock passes its end
    oc3 = P + '_oc3'
    ctl_step('tasks last 60 s on the emulator clock', '/tasks', {'durationMs': 60000})
    r = step('copyVolume(%s, %s, FC_r1, %s)' % (fp, oc3, short(copt)),
             lambda: cl.copyVolume(fp, oc3, 'FC_r1', dict(copt)),
             lambda b: (isinstance(b, dict) and isinstance(b.get('taskid'), int),
                        "needs {'taskid': int}"))
    t6 = r.get('taskid') if isinstance(r, dict) else None
    step('isOnlinePhysicalCopy(%s) before the clock moves' % oc3,
         lambda: cl.isOnlinePhysicalCopy(oc3), lambda v: (v is True, 'got %r' % v))
    ctl_step('advance the emulator clock 61 s', '/clock', {'advanceSeconds': 61})
    if t6 is not None:
        step('getTask(%d) done after waiting (clock advanced)' % t6,
             lambda: cl.getTask(t6),
             lambda b: (b.get('status') == TASK_DONE,
                        'status=%r startTime=%r finishTime=%r'
                        % (b.get('status'), b.get('startTime'), b.get('finishTime'))))
    step('isOnlinePhysicalCopy(%s) after waiting' % oc3,
         lambda: cl.isOnlinePhysicalCopy(oc3), lambda v: (v is False, 'got %r' % v))
    step('getVolume(%s) after waiting: a plain base TPVV' % oc3, lambda: getv(oc3),
         vol_check(copyType=COPY_BASE, provisioningType=PROV_TPVV,
                   absent=['copyOf', 'physParentId']))
    step('getVolumes(): only %s and %s added (helper snapshots gone)' % (oc, oc3),
         cl.getVolumes,
         lambda b: (set(names_of(b)) == names_before | {oc, oc3},
                    'extra=%s missing=%s' % (sorted(set(names_of(b)) - names_before - {oc, oc3}),
                                             sorted((names_before | {oc, oc3}) - set(names_of(b))))))
    ctl_step('tasks last 10 min again', '/tasks', {'durationMs': 600000})

    # offline copy into an existing volume, then resync / stop
    so, do = P + '_so', P + '_do'
    step('createVolume(%s) and (%s) same size, TPVV' % (so, do),
         lambda: (cl.createVolume(so, 'FC_r1', 1024, {'tpvv': True, 'snapCPG': 'FC_r1'}),
                  cl.createVolume(do, 'FC_r1', 1024, {'tpvv': True, 'snapCPG': 'FC_r1'})))
    so_id = getv(so).get('id') if so in names_of(cl.getVolumes()) else None
    oopt = {'online': False, 'saveSnapshot': True, 'priority': 1}

    def offline_check(b):
        sent = [e for e in TRACE if e['method'] == 'POST'
                and e['url'].endswith('/volumes/' + so)]
        body = sent[-1].get('body') if sent else None
        if isinstance(body, str):
            body = json.loads(body)
        body = body or {}
        params = body.get('parameters', {})
        ok = isinstance(b, dict) and isinstance(b.get('taskid'), int)
        return ok, ("needs {'taskid': int}; client sent parameters %s (destCPG "
                    "dropped: %s)" % (short(params), 'destCPG' not in params))
    r = step('copyVolume(%s, %s, FC_r1, %s) offline' % (so, do, short(oopt)),
             lambda: cl.copyVolume(so, do, 'FC_r1', dict(oopt)), offline_check)
    t3 = r.get('taskid') if isinstance(r, dict) else None
    if t3 is not None:
        step('getTask(%d) active' % t3, lambda: cl.getTask(t3),
             lambda b: (b.get('status') == TASK_ACTIVE,
                        'status=%r name=%r type=%r' % (b.get('status'), b.get('name'),
                                                       b.get('type'))))
        step('getVolume(%s) during the offline copy (informational)' % do,
             lambda: getv(do),
             lambda b: (True, 'copyType=%r copyOf=%r physParentId=%r additionalStates=%r'
                        % (b.get('copyType'), b.get('copyOf'), b.get('physParentId'),
                           b.get('additionalStates'))))
        ctl_step('end task %d: done' % t3, '/tasks/%d' % t3, {'end': 'done'})
        step('getTask(%d) done' % t3, lambda: cl.getTask(t3),
             lambda b: (b.get('status') == TASK_DONE, 'status=%r' % b.get('status')))
    step('getVolume(%s) after the offline copy: a physical copy of %s' % (do, so),
         lambda: getv(do),
         lambda b: (b.get('copyType') == COPY_PHYSICAL,
                    'copyType=%r (want 2: stays a physical copy until promoted) '
                    'copyOf=%r physParentId=%r (%s id %r) additionalStates=%r'
                    % (b.get('copyType'), b.get('copyOf'), b.get('physParentId'),
                       so, so_id, b.get('additionalStates'))))
    step('getVolumeSnapshots(%s) keeps the saved snapshot (informational)' % so,
         lambda: cl.getVolumeSnapshots(so), lambda r: (True, 'got %r' % (r,)))
    r = step('resyncPhysicalCopy(%s)' % do, lambda: cl.resyncPhysicalCopy(do),
             lambda b: (isinstance(b, dict) and isinstance(b.get('taskid'), int),
                        "body %s (want {'taskid': int})" % short(b)))
    t4 = r.get('taskid') if isinstance(r, dict) else None
    if t4 is not None:
        step('getTask(%d) resync active' % t4, lambda: cl.getTask(t4),
             lambda b: (b.get('status') == TASK_ACTIVE,
                        'status=%r name=%r type=%r' % (b.get('status'), b.get('name'),
                                                       b.get('type'))))
    step('stopOfflinePhysicalCopy(%s)' % do, lambda: cl.stopOfflinePhysicalCopy(do))
    if t4 is not None:
        step('getTask(%d) no longer active after stopOfflinePhysicalCopy' % t4,
             lambda: cl.getTask(t4),
             lambda b: (b.get('status') in (TASK_CANCELLED, TASK_FAILED),
                        'status=%r (want 3 cancelled)' % b.get('status')))
    step('getVolume(%s) after the stop (informational)' % do, lambda: getv(do),
         lambda b: (True, 'copyType=%r state=%r failedStates=%r additionalStates=%r'
                    % (b.get('copyType'), b.get('state'), b.get('failedStates'),
                       b.get('additionalStates'))))

    # ------------------------------------------------------------------ #
    # 4. getTask bad ids
    expect_error('getTask(0)', lambda: cl.getTask(0), hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_BELOW_RANGE')
    expect_error("getTask('abc')", lambda: cl.getTask('abc'), hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_WRONG_TYPE')
    expect_error('getTask(999999)', lambda: cl.getTask(999999), hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_EXCEEDS_RANGE')
    expect_error('getTask(60000) unknown', lambda: cl.getTask(60000),
                 hpeexc.HTTPNotFound, 404, why='NON_EXISTENT_TASK')

    # ------------------------------------------------------------------ #
    # 5. promoteVirtualCopy
    pb, ps = P + '_pb', P + '_ps'
    step('createVolume(%s) + RW snapshot %s' % (pb, ps),
         lambda: (cl.createVolume(pb, 'FC_r1', 1024, {'tpvv': True, 'snapCPG': 'FC_r1'}),
                  cl.createSnapshot(ps, pb)))
    r = step('promoteVirtualCopy(%s)' % ps, lambda: cl.promoteVirtualCopy(ps),
             lambda b: (isinstance(b, dict) and isinstance(b.get('taskid'), int),
                        "needs {'taskid': int}"))
    t5 = r.get('taskid') if isinstance(r, dict) else None
    if t5 is not None:
        step('getAllTasks() contains promote task %d' % t5, cl.getAllTasks,
             lambda b: (t5 in [m.get('id') for m in b.get('members', [])],
                        'members=%s' % short([(m.get('id'), m.get('type'), m.get('name'),
                                               m.get('status'))
                                              for m in b.get('members', [])], 500)))
        step('getTask(%d) promote active' % t5, lambda: cl.getTask(t5),
             lambda b: (b.get('status') == TASK_ACTIVE,
                        'status=%r name=%r type=%r' % (b.get('status'), b.get('name'),
                                                       b.get('type'))))
        ctl_step('end task %d: done' % t5, '/tasks/%d' % t5, {'end': 'done'})
        step('getTask(%d) done' % t5, lambda: cl.getTask(t5),
             lambda b: (b.get('status') == TASK_DONE, 'status=%r' % b.get('status')))

    # ------------------------------------------------------------------ #
    # 6. volume sets
    va, vb, vc = P + '_va', P + '_vb', P + '_vc'
    vs, vs2 = P + '_vs', P + '_vs2'
    for n in (va, vb, vc):
        step('createVolume(%s) TPVV for the volume set' % n,
             lambda n=n: cl.createVolume(n, 'FC_r1', 1024,
                                         {'tpvv': True, 'snapCPG': 'FC_r1'}))
    step("createVolumeSet(%s, comment='cinder cg', setmembers=[%s, %s])" % (vs, va, vb),
         lambda: cl.createVolumeSet(vs, comment='cinder cg', setmembers=[va, vb]))
    step('getVolumeSet(%s)' % vs, lambda: cl.getVolumeSet(vs),
         lambda b: (b.get('name') == vs and b.get('setmembers') == [va, vb]
                    and b.get('comment') == 'cinder cg',
                    'name=%r setmembers=%r comment=%r id=%r'
                    % (b.get('name'), b.get('setmembers'), b.get('comment'), b.get('id'))))
    step('findVolumeSet(%s)' % va, lambda: cl.findVolumeSet(va),
         lambda r: (r == vs, 'got %r' % (r,)))
    step('findVolumeSet(%s) (in no set)' % vc, lambda: cl.findVolumeSet(vc),
         lambda r: (r is None, 'got %r' % (r,)))
    step('addVolumeToVolumeSet(%s, %s)' % (vs, vc),
         lambda: cl.addVolumeToVolumeSet(vs, vc))
    step('getVolumeSet(%s) after add' % vs, lambda: cl.getVolumeSet(vs),
         lambda b: (b.get('setmembers') == [va, vb, vc],
                    'setmembers=%r' % b.get('setmembers')))
    step('removeVolumeFromVolumeSet(%s, %s)' % (vs, vb),
         lambda: cl.removeVolumeFromVolumeSet(vs, vb))
    step('getVolumeSet(%s) after remove' % vs, lambda: cl.getVolumeSet(vs),
         lambda b: (b.get('setmembers') == [va, vc],
                    'setmembers=%r' % b.get('setmembers')))
    step('addVolumeToVolumeSet(%s, %s) again' % (vs, vb),
         lambda: cl.addVolumeToVolumeSet(vs, vb))
    set_after = step('getVolumeSet(%s): three members' % vs, lambda: cl.getVolumeSet(vs),
                     lambda b: (sorted(b.get('setmembers') or []) == sorted([va, vb, vc]),
                                'setmembers=%r (order informational)' % b.get('setmembers')))
    expect_error('deleteVolume(%s) while in %s' % (va, vs),
                 lambda: cl.deleteVolume(va), hpeexc.HTTPConflict, 409, 34, 'IN_USE')
    step('modifyVolumeSet(%s, newName=%s)' % (vs, vs2),
         lambda: cl.modifyVolumeSet(vs, newName=vs2))
    members = (set_after or {}).get('setmembers') or [va, vc, vb]
    step('getVolumeSet(%s) after rename' % vs2, lambda: cl.getVolumeSet(vs2),
         lambda b: (b.get('name') == vs2 and b.get('setmembers') == members,
                    'name=%r setmembers=%r' % (b.get('name'), b.get('setmembers'))))
    expect_error('getVolumeSet(%s) old name' % vs, lambda: cl.getVolumeSet(vs),
                 hpeexc.HTTPNotFound, 404, 102)
    step("createSnapshotOfVolumeSet('cg-@count@', %s)" % vs2,
         lambda: cl.createSnapshotOfVolumeSet('cg-@count@', vs2))
    for i, m in enumerate(members):
        sn = 'cg-%d' % i
        step('getVolume(%s): snapshot of set member %d (%s)' % (sn, i, m),
             lambda sn=sn: getv(sn),
             vol_check(name=sn, copyType=COPY_VIRTUAL, copyOf=m))
    expect_error('getVolume(cg-3) (only three members)', lambda: cl.getVolume('cg-3'),
                 hpeexc.HTTPNotFound, 404, 23)
    expect_error('createVolumeSet(%s) duplicate' % vs2,
                 lambda: cl.createVolumeSet(vs2), hpeexc.HTTPConflict, 409, 101,
                 'EXISTENT_SET; docstring says HTTPBadRequest, upstream test expects 409')
    expect_error('getVolumeSet(%s) unknown' % (P + '_nxs'),
                 lambda: cl.getVolumeSet(P + '_nxs'), hpeexc.HTTPNotFound, 404, 102)
    step('deleteVolumeSet(%s)' % vs2, lambda: cl.deleteVolumeSet(vs2))
    expect_error('getVolumeSet(%s) after delete' % vs2, lambda: cl.getVolumeSet(vs2),
                 hpeexc.HTTPNotFound, 404, 102)
    step('findVolumeSet(%s) after the set is gone' % va, lambda: cl.findVolumeSet(va),
         lambda r: (r is None, 'got %r' % (r,)))
    expect_error('deleteVolumeSet(%s) unknown' % vs2, lambda: cl.deleteVolumeSet(vs2),
                 hpeexc.HTTPNotFound, 404, 102)

    # ------------------------------------------------------------------ #
    # 7. metadata (on fp)
    step("setVolumeMetaData(%s, 'k1', 'v1')" % fp,
         lambda: cl.setVolumeMetaData(fp, 'k1', 'v1'))
    step("getVolumeMetaData(%s, 'k1')" % fp, lambda: cl.getVolumeMetaData(fp, 'k1'),
         lambda b: (b.get('key') == 'k1' and b.get('value') == 'v1',
                    'key=%r value=%r creationTimeSec=%r'
                    % (b.get('key'), b.get('value'), b.get('creationTimeSec'))))
    n_trace = len(TRACE)
    step("setVolumeMetaData(%s, 'k1', 'v1b') (existing key: POST 409 then PUT)" % fp,
         lambda: cl.setVolumeMetaData(fp, 'k1', 'v1b'),
         lambda r: (True, 'requests: %s' % ['%s %s -> %s' % (e['method'], e['url'].split('/api/v1')[-1], e['status'])
                                           for e in TRACE[n_trace:]]))
    step("getVolumeMetaData(%s, 'k1') updated" % fp, lambda: cl.getVolumeMetaData(fp, 'k1'),
         lambda b: (b.get('value') == 'v1b', 'value=%r' % b.get('value')))
    step("setVolumeMetaData(%s, 'k2', 'x')" % fp, lambda: cl.setVolumeMetaData(fp, 'k2', 'x'))
    step('getAllVolumeMetaData(%s)' % fp, lambda: cl.getAllVolumeMetaData(fp),
         lambda b: (b.get('total') == 2
                    and sorted((m.get('key'), m.get('value')) for m in b.get('members', []))
                    == [('k1', 'v1b'), ('k2', 'x')],
                    'total=%r members=%s' % (b.get('total'),
                                             [(m.get('key'), m.get('value'))
                                              for m in b.get('members', [])])))
    step("findVolumeMetaData(%s, 'k1', 'v1b')" % fp,
         lambda: cl.findVolumeMetaData(fp, 'k1', 'v1b'), lambda r: (r is True, 'got %r' % r))
    step("findVolumeMetaData(%s, 'k1', 'nope')" % fp,
         lambda: cl.findVolumeMetaData(fp, 'k1', 'nope'), lambda r: (r is False, 'got %r' % r))
    step("findVolumeMetaData(%s, 'nokey', 'x')" % fp,
         lambda: cl.findVolumeMetaData(fp, 'nokey', 'x'), lambda r: (r is False, 'got %r' % r))
    step("removeVolumeMetaData(%s, 'k2')" % fp, lambda: cl.removeVolumeMetaData(fp, 'k2'))
    expect_error("getVolumeMetaData(%s, 'k2') after remove" % fp,
                 lambda: cl.getVolumeMetaData(fp, 'k2'), hpeexc.HTTPNotFound, 404, 180)
    expect_error("removeVolumeMetaData(%s, 'nokey')" % fp,
                 lambda: cl.removeVolumeMetaData(fp, 'nokey'), hpeexc.HTTPNotFound, 404, 180)
    expect_error("getVolumeMetaData(%s, '&')" % fp,
                 lambda: cl.getVolumeMetaData(fp, '&'), hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_ILLEGAL_CHAR')
    expect_error("setVolumeMetaData(%s, '&', 'x')" % fp,
                 lambda: cl.setVolumeMetaData(fp, '&', 'x'), hpeexc.HTTPBadRequest, 400,
                 why='INV_INPUT_ILLEGAL_CHAR')
    expect_error("setVolumeMetaData(%s, 'k', 'v') unknown volume" % (P + '_nx'),
                 lambda: cl.setVolumeMetaData(P + '_nx', 'k', 'v'),
                 hpeexc.HTTPNotFound, 404, 23)
    step('getAllVolumeMetaData(%s) after the errors' % fp,
         lambda: cl.getAllVolumeMetaData(fp),
         lambda b: (b.get('total') == 1 and [m.get('key') for m in b.get('members', [])] == ['k1'],
                    'keys=%s' % [m.get('key') for m in b.get('members', [])]))

    # ------------------------------------------------------------------ #
    # 8. a thin volume written past its CPG's growth limit
    gcpg, tl = P + '_GL', P + '_tl'
    gopts = {'growthIncrementMiB': 8192, 'growthLimitMiB': 16384}
    step('createCPG(%s, %s)' % (gcpg, short(gopts)), lambda: cl.createCPG(gcpg, dict(gopts)))
    step("createVolume(%s, %s, 102400, {'tpvv': True})" % (tl, gcpg),
         lambda: cl.createVolume(tl, gcpg, 102400, {'tpvv': True}))
    ctl_step('host writes 10000 MiB to %s' % tl, '/volumes/%s/write' % tl, {'mib': 10000})
    step('getVolume(%s) after 10000 MiB written' % tl, lambda: getv(tl),
         lambda b: ((b.get('userSpace') or {}).get('usedMiB', 0) >= 10000,
                    'userSpace=%s' % short(b.get('userSpace'))))
    ctl_step('host writes 10000 MiB more to %s (past growthLimitMiB 16384)' % tl,
             '/volumes/%s/write' % tl, {'mib': 10000}, want_status=400,
             check=lambda d: (isinstance(d, dict) and d.get('code') == 24,
                              'want 400 {"code": 24, ...} NO_SPACE'))
    def limit_check(b):
        usr = (b.get('UsrUsage') or {}).get('usedMiB', 0)
        sd = (b.get('SDUsage') or {}).get('usedMiB', 0)
        lim = (b.get('SDGrowth') or {}).get('limitMiB')
        # Cinder's get_volume_stats: free = limitMiB - (UsrUsage.usedMiB + SDUsage.usedMiB)
        ok = lim == 16384 and usr + sd <= lim and usr >= 10000
        return ok, ('SDGrowth.limitMiB=%r UsrUsage.usedMiB=%r SDUsage.usedMiB=%r -> '
                    'Cinder free_capacity=%r MiB (must stay >= 0); UsrUsage=%s SAUsage=%s'
                    % (lim, usr, sd, None if lim is None else lim - usr - sd,
                       short(b.get('UsrUsage')), short(b.get('SAUsage'))))
    step('getCPG(%s) after the refused write: usage within growthLimitMiB' % gcpg,
         lambda: cl.getCPG(gcpg), limit_check)

    # ------------------------------------------------------------------ #
    # 9. cleanup through the client: delete everything made here
    ctl_step('tasks back to 5 s', '/tasks', {'durationMs': 5000})

    def cleanup():
        sets = cl.getVolumeSets()
        for s in sets.get('members', []):
            if s.get('name', '').startswith(P):
                cl.deleteVolumeSet(s['name'])
        left, errors = None, {}
        for _ in range(6):
            vols = [m for m in cl.getVolumes().get('members', [])
                    if m.get('name', '').startswith(P) or m.get('name', '').startswith('cg-')]
            if not vols:
                left = []
                break
            progress = False
            for m in sorted(vols, key=lambda m: -m.get('id', 0)):
                try:
                    cl.deleteVolume(m['name'])
                    progress = True
                except hpeexc.ClientException as e:
                    errors[m['name']] = '%s/%s' % (getattr(e, 'http_status', None), e.get_code())
            left = [m['name'] for m in vols]
            if not progress:
                break
        cl.deleteCPG(gcpg)
        remaining = [m.get('name') for m in cl.getVolumes().get('members', [])
                     if m.get('name', '').startswith(P)]
        return remaining, errors
    step('cleanup: deleteVolumeSet / deleteVolume (children first) / deleteCPG',
         cleanup, lambda r: (r[0] == [], 'remaining=%s; refusals on the way=%s'
                             % (r[0], short(r[1], 600))))

    close_client(cl, reauths)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
