#!/usr/bin/env python3
"""verify_foundation.py -- drive a 3PAR WSAPI endpoint (real array or emulator)
with the real, unmodified python-3parclient (hpe3parclient) and report
PASS/FAIL per step.  Exit status: 0 if every step passed, 1 otherwise.

Usage:
    python3 contracts/clients/python-3parclient/verify_foundation.py \
        [http://127.0.0.1:8080/api/v1] [--user 3paradm] [--password 3pardata] \
        [--domain DOMAIN_A] [--prefix VF] [--timeout 30] [--debug]

Expectations come from the client's own code/docstrings and from the
upstream functional tests (test/test_HPE3ParClient_CPG.py) and mock server
(test/HPE3ParMockServer_flask.py) of hpe-storage/python-3parclient:
    NON_EXISTENT_CPG=15 (404), EXISTENT_CPG=14 (409), NON_EXISTENT_DOMAIN=38
    (404; test_1_create_CPG_badDomain expects HTTPNotFound although the
    createCPG docstring lists HTTPBadRequest), INV_INPUT_EXCEEDS_LENGTH=57,
    INV_INPUT_ILLEGAL_CHAR=69, INV_USER_PASS=5 (403), stale session key ->
    403 {"code": 6, "desc": "invalid session key"} on a real array.

Notes on client behaviour that shape this script (see http.py / client.py):
  * HPE3ParClient.__init__ calls getWsApiVersion(): GET <scheme://host:port>/api
    (everything from the first '/api' of the URL is cut off), without any
    session key.  On failure it does `except exceptions as ex` (a module),
    which turns ANY error there into a TypeError -- hence the raw pre-check.
  * A connection error or HTTP 503 is retried by http.py up to 5 times in the
    life of a client object (class attribute `tries` is decremented and never
    reset; `delay` grows 1, 3, 7, 15 s and is never reset).  Step
    "no retries consumed" checks that the server never caused a retry.
  * Any 401/403 on a call made after a successful login() makes the client
    log in again (POST /credentials) and retry the call once.
  * After logout() the client must not be used again (it would silently log
    in again on the first 403), so post-logout checks use raw requests.
"""

import sys
import time
import uuid

# The client comes from the environment (pip install python-3parclient) or a
# checkout named in PYTHONPATH; nothing of it is kept in this repository.

import requests  # noqa: E402

from hpe3parclient import client as hpeclient  # noqa: E402
from hpe3parclient import exceptions as hpeexc  # noqa: E402

from verify_common import (  # noqa: E402
    expect_error, finish, host_root, new_client, parse_args,
    print_client_version, quiet_tls_warnings, record, short, step)

SESSION_HEADER = 'X-Hp3Par-Wsapi-Sessionkey'   # http.HTTPJSONRESTClient.SESSION_COOKIE_NAME
STALE_KEY = '0-' + '0' * 32 + '-' + '0' * 8


def raw_get(url, key=None, timeout=10):
    headers = {'Accept': 'application/json', 'User-Agent': 'verify_foundation'}
    if key is not None:
        headers[SESSION_HEADER] = key
    r = requests.get(url, headers=headers, verify=False, timeout=timeout)
    try:
        body = r.json()
    except ValueError:
        body = r.text
    return r.status_code, body


def main():
    def options(ap):
        ap.add_argument('--domain', default='DOMAIN_A',
                        help='an existing fixture domain on the array/emulator')
    args = parse_args(__doc__, options=options, prefix_help='CPG name prefix '
                      '(default: VF + 6 random hex chars)')

    url = args.url.rstrip('/')
    prefix = args.prefix or ('VF' + uuid.uuid4().hex[:6].upper())
    print_client_version()
    print('target %s, user %s, domain %s, CPG prefix %s'
          % (url, args.user, args.domain, prefix))

    quiet_tls_warnings()

    # ------------------------------------------------------------------ #
    # 0. raw pre-check of GET <root>/api (no session key), so an unreachable
    #    server is reported clearly instead of via the client's retry loop
    #    (~26 s) followed by TypeError from `except exceptions as ex`.
    api_probe = host_root(url) + '/api'
    try:
        status, body = raw_get(api_probe, timeout=min(args.timeout, 10))
    except Exception as ex:  # noqa
        record(False, 'raw GET %s (no session key)' % api_probe,
               'server not reachable: %r' % ex)
        return finish()
    ok = (status < 400 and isinstance(body, dict)
          and isinstance(body.get('build'), int))
    record(ok, 'raw GET %s (no session key)' % api_probe,
           'status %s, body %s (client needs 2xx JSON with int "build")'
           % (status, short(body)))
    if not ok:
        return finish()

    # ------------------------------------------------------------------ #
    # 1. constructor (calls getWsApiVersion)
    cl = new_client(url, args)
    if cl is None:
        return finish()
    record(True, 'HPE3ParClient(url, secure=False) constructor',
           'vlun_query_supported=%s primera_supported=%s '
           'compression_supported=%s'
           % (cl.vlun_query_supported, cl.primera_supported,
              cl.compression_supported))
    if cl.primera_supported:
        print('NOTE: build >= %d -> client runs in Primera mode: createCPG '
              'drops LDLayout.setSize (and RAIDType when it is 1) before '
              'sending.' % cl.HPE3PAR_WS_PRIMERA_MIN_BUILD_VERSION)

    # 2. login
    def do_login():
        cl.login(args.user, args.password)
        return cl.http.session_key
    step('login(%s, ***)' % args.user, do_login,
         lambda key: (isinstance(key, str) and len(key) > 0,
                      'session_key=%r (taken from response body "key")' % key))

    # 3. read-only system calls
    step('getWsApiVersion()', cl.getWsApiVersion,
         lambda b: (isinstance(b, dict) and isinstance(b.get('build'), int)
                    and b['build'] >= cl.HPE3PAR_WS_MIN_BUILD_VERSION
                    and all(k in b for k in ('major', 'minor', 'revision')),
                    'needs int build >= %d and major/minor/revision'
                    % cl.HPE3PAR_WS_MIN_BUILD_VERSION))
    step('getStorageSystemInfo()', cl.getStorageSystemInfo,
         lambda b: (isinstance(b, dict) and 'name' in b,
                    'name=%r model=%r serialNumber=%r'
                    % (b.get('name'), b.get('model'), b.get('serialNumber'))
                    if isinstance(b, dict) else 'not a dict'))
    step('getWSAPIConfigurationInfo()', cl.getWSAPIConfigurationInfo,
         lambda b: (isinstance(b, dict) and len(b) > 0, 'non-empty dict'))
    step('getOverallSystemCapacity()', cl.getOverallSystemCapacity,
         lambda b: (isinstance(b, dict)
                    and isinstance(b.get('allCapacity'), dict)
                    and 'totalMiB' in b['allCapacity']
                    and 'freeMiB' in b['allCapacity'],
                    'needs allCapacity.totalMiB/freeMiB (docstring)'))

    def members_check(b):
        ok = (isinstance(b, dict) and isinstance(b.get('members'), list)
              and 'total' in b)
        if ok and b['total'] != len(b['members']):
            return False, 'total=%r != len(members)=%d' % (b['total'],
                                                            len(b['members']))
        return ok, ('total=%r' % b.get('total')) if ok else 'needs total+members'
    step('getCPGs()', cl.getCPGs, members_check)

    # ------------------------------------------------------------------ #
    # 4. CPG create / get / available space
    created = []
    n_plain = prefix + '_P'
    n_dom = prefix + '_D'
    n_lay = prefix + '_L'
    n_grow = prefix + '_G'

    def create(name, optional=None):
        def _f():
            r = cl.createCPG(name, optional)
            created.append(name)
            return r
        return _f

    def name_check(name, extra=None):
        def _c(b):
            if not isinstance(b, dict) or b.get('name') != name:
                return False, 'name mismatch'
            if extra:
                return extra(b)
            return True, 'name ok'
        return _c

    step('createCPG(%s)' % n_plain, create(n_plain))
    step('getCPG(%s)' % n_plain, lambda: cl.getCPG(n_plain),
         name_check(n_plain))

    step('createCPG(%s, domain=%s)' % (n_dom, args.domain),
         create(n_dom, {'domain': args.domain}))
    step('getCPG(%s) reports domain' % n_dom, lambda: cl.getCPG(n_dom),
         name_check(n_dom, lambda b: (b.get('domain') == args.domain,
                                      'domain=%r' % b.get('domain'))))

    layout = {'RAIDType': cl.CPG_RAID_R1, 'setSize': 2, 'HA': cl.CPG_HA_CAGE,
              'diskPatterns': [{'diskType': cl.CPG_DISK_TYPE_FC}]}
    step('createCPG(%s, LDLayout=%s)' % (n_lay, short(layout)),
         create(n_lay, {'LDLayout': dict(layout)}))

    def layout_check(b):
        sd = b.get('SDGrowth') or {}
        ld = sd.get('LDLayout') if isinstance(sd, dict) else None
        if not isinstance(ld, dict):
            return True, 'SDGrowth.LDLayout not reported (informational)'
        ok = ld.get('RAIDType') == 2 and ld.get('HA', 2) == 2
        return ok, 'SDGrowth.LDLayout=%s' % short(ld)
    step('getCPG(%s) reports LDLayout' % n_lay, lambda: cl.getCPG(n_lay),
         name_check(n_lay, layout_check))

    growth = {'growthIncrementMiB': 8192, 'growthLimitMiB': 102400,
              'usedLDWarningAlertMiB': 51200}
    step('createCPG(%s, %s)' % (n_grow, short(growth)),
         create(n_grow, dict(growth)))

    def growth_check(b):
        sd = b.get('SDGrowth') or {}
        seen = dict((k, sd.get(k)) for k in ('incrementMiB', 'limitMiB',
                                             'warningMiB'))
        if all(v is None for v in seen.values()):
            return True, 'SDGrowth increment/limit/warning not reported'
        ok = (seen['incrementMiB'] == 8192 and seen['limitMiB'] == 102400
              and seen['warningMiB'] == 51200)
        return ok, 'SDGrowth %s' % short(seen)
    step('getCPG(%s) reports growth settings' % n_grow,
         lambda: cl.getCPG(n_grow), name_check(n_grow, growth_check))

    step('getCPGAvailableSpace(%s)' % n_plain,
         lambda: cl.getCPGAvailableSpace(n_plain),
         lambda b: (isinstance(b, dict) and 'rawFreeMiB' in b
                    and 'usableFreeMiB' in b,
                    'needs rawFreeMiB + usableFreeMiB (docstring)'))

    # ------------------------------------------------------------------ #
    # 5. error cases
    expect_error("getCPG('BadName')", lambda: cl.getCPG('BadName'),
                 hpeexc.HTTPNotFound, 404, 15)
    expect_error('deleteCPG(unknown)', lambda: cl.deleteCPG(prefix + '_NX'),
                 hpeexc.HTTPNotFound, 404, 15)
    expect_error('createCPG duplicate %s' % n_plain,
                 lambda: cl.createCPG(n_plain),
                 hpeexc.HTTPConflict, 409, 14)
    bad_dom = prefix + '_BD'
    ex = expect_error("createCPG(domain='NoSuchDomain')",
                      lambda: cl.createCPG(bad_dom, {'domain': 'NoSuchDomain'}),
                      hpeexc.HTTPNotFound, 404, 38)
    if ex is None:
        created.append(bad_dom)
    long_name = (prefix + 'X' * 32)[:32]
    ex = expect_error('createCPG(32-char name %s)' % long_name,
                      lambda: cl.createCPG(long_name),
                      hpeexc.HTTPBadRequest, 400, 57)
    if ex is None:
        created.append(long_name)
    amp_name = prefix + '&A'
    ex = expect_error("createCPG(name with '&': %s)" % amp_name,
                      lambda: cl.createCPG(amp_name),
                      hpeexc.HTTPBadRequest, 400, 69)
    if ex is None:
        created.append(amp_name)
    bogus_name = prefix + '_B'
    ex = expect_error("createCPG(unknown member {'bogus': 1})",
                      lambda: cl.createCPG(bogus_name, {'bogus': 1}),
                      hpeexc.HTTPBadRequest, 400)
    if ex is None:
        created.append(bogus_name)
    expect_error("getCPGAvailableSpace('nope')",
                 lambda: cl.getCPGAvailableSpace('nope'),
                 hpeexc.HTTPNotFound, 404, 15)

    # wrong password on a separate client object (a failed login leaves that
    # client with auth_try == 1 and no session key)
    def bad_login():
        other = hpeclient.HPE3ParClient(url, secure=False,
                                        timeout=args.timeout)
        other.login(args.user, args.password + '-wrong')
        return other.http.session_key
    expect_error('login with wrong password (fresh client)', bad_login,
                 hpeexc.HTTPForbidden, 403, 5)

    # ------------------------------------------------------------------ #
    # 6. stale session key -> automatic re-login on 401/403
    try:
        status, body = raw_get(url + '/cpgs', key=STALE_KEY,
                               timeout=min(args.timeout, 10))
        code = body.get('code') if isinstance(body, dict) else None
        record(status in (401, 403),
               'raw GET /cpgs with stale key %s' % STALE_KEY,
               'status %s body %s (client re-logs in only on 401/403; real '
               'array: 403 {"code": 6, "desc": "invalid session key"}); '
               'code=%r' % (status, short(body), code))
    except Exception as ex:  # noqa
        record(False, 'raw GET /cpgs with stale key', 'raised %r' % ex)

    reauths = []
    orig_reauth = cl.http._reauth

    def counting_reauth():  # instrumentation only; calls the real method
        reauths.append(time.time())
        return orig_reauth()
    cl.http._reauth = counting_reauth
    good_key = cl.http.session_key
    cl.http.session_key = STALE_KEY

    def stale_check(b):
        new_key = cl.http.session_key
        ok, detail = members_check(b)
        ok = (ok and len(reauths) == 1 and new_key not in (None, STALE_KEY))
        return ok, ('re-logins=%d, session_key before=%r stale=%r after=%r; %s'
                    % (len(reauths), good_key, STALE_KEY, new_key, detail))
    step('getCPGs() with stale session key (auto re-login)', cl.getCPGs,
         stale_check)
    cl.http._reauth = orig_reauth

    # ------------------------------------------------------------------ #
    # 7. cleanup: deleteCPG for everything created, then confirm 404
    for name in list(created):
        step('deleteCPG(%s)' % name, lambda n=name: cl.deleteCPG(n))
    if created:
        expect_error('getCPG(%s) after delete' % created[0],
                     lambda: cl.getCPG(created[0]), hpeexc.HTTPNotFound, 404, 15)

    # 8. no 503 / connection-error retries were consumed
    record(cl.http.tries == hpeclient.http.HTTPJSONRESTClient.tries
           and cl.http.delay == 0,
           'no retries consumed (503 / connection errors)',
           'http.tries=%r (start %r), http.delay=%r'
           % (cl.http.tries, hpeclient.http.HTTPJSONRESTClient.tries,
              cl.http.delay))

    # 9. logout, then check (raw) that the key is no longer accepted
    last_key = cl.http.session_key
    step('logout()', cl.logout,
         lambda _: (cl.http.session_key is None,
                    'DELETE /credentials/%s sent; session_key now %r'
                    % (last_key, cl.http.session_key)))
    try:
        status, body = raw_get(url + '/cpgs', key=last_key,
                               timeout=min(args.timeout, 10))
        record(status in (401, 403), 'raw GET /cpgs with logged-out key',
               'status %s body %s' % (status, short(body)))
    except Exception as ex:  # noqa
        record(False, 'raw GET /cpgs with logged-out key', 'raised %r' % ex)

    return finish()


if __name__ == '__main__':
    sys.exit(main())
