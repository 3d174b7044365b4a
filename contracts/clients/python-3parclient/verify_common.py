"""verify_common.py -- helpers shared by the verify_*.py scripts that drive a
3PAR WSAPI endpoint (real array or emulator) with the real, unmodified
python-3parclient (hpe3parclient): PASS/FAIL recording, request tracing for
FAIL evidence, the emulator's control API, the common command line and the
final summary.  Not a script of its own.

RESULTS, TRACE and TRACE_MARK are module-level lists that the scripts import
and mutate in place (never rebind them).
"""

import argparse
import json
import os
import sys

try:  # Python 3
    from urllib import request as urlrequest
    from urllib.error import HTTPError
except ImportError:  # pragma: no cover
    import urllib2 as urlrequest  # noqa
    from urllib2 import HTTPError  # noqa

import hpe3parclient  # noqa: E402
from hpe3parclient import client as hpeclient  # noqa: E402
from hpe3parclient import exceptions as hpeexc  # noqa: E402

DEFAULT_URL = 'http://127.0.0.1:8080/api/v1'

RESULTS = []        # (ok, name, detail) per step
TRACE = []          # every request made through a traced client
TRACE_MARK = [0]    # index into TRACE where the current step began


def short(obj, limit=300):
    try:
        text = json.dumps(obj, sort_keys=True, default=str)
    except Exception:
        text = repr(obj)
    if len(text) > limit:
        text = text[:limit] + '...(%d chars)' % len(text)
    return text


def trace_tail(limit=4):
    entries = TRACE[TRACE_MARK[0]:][-limit:]
    lines = []
    for e in entries:
        who = '[%s] ' % e['who'] if e.get('who') else ''
        lines.append('      %s%s %s body=%s -> %s %s' % (
            who, e['method'], e['url'], short(e.get('body'), 200),
            e.get('status'), short(e.get('response'), 400)))
    return '\n'.join(lines)


def record(ok, name, detail):
    RESULTS.append((bool(ok), name, detail))
    print('%s: %s -- %s' % ('PASS' if ok else 'FAIL', name, detail))
    if not ok:
        tail = trace_tail()
        if tail:
            print('    requests of this step (last %d):\n%s'
                  % (min(4, len(TRACE) - TRACE_MARK[0]), tail))
    TRACE_MARK[0] = len(TRACE)
    sys.stdout.flush()


def note(text):
    print('NOTE: ' + text)
    sys.stdout.flush()


def describe_exc(ex):
    if isinstance(ex, hpeexc.ClientException):
        return ('%s(http_status=%r, get_code()=%r, get_description()=%r, '
                'get_ref()=%r)' % (type(ex).__name__,
                                   getattr(ex, 'http_status', None),
                                   ex.get_code(), ex.get_description(),
                                   ex.get_ref()))
    return '%s: %r' % (type(ex).__name__, ex)


def judge(check, value, detail):
    """Apply check(value) to a step's outcome; returns (ok, detail).

    check may return True/False or (bool, detail-string); a check that
    raises makes the step fail.
    """
    if check is None:
        return True, detail
    try:
        verdict = check(value)
    except Exception as ex:  # noqa
        verdict = (False, 'check raised %r' % ex)
    if isinstance(verdict, tuple):
        ok, extra = verdict
        return ok, '%s; %s' % (extra, detail)
    return bool(verdict), detail


def step(name, fn, check=None):
    """Run fn(); PASS if it does not raise and check(result) is truthy.

    check may return True/False or (bool, detail-string).
    Returns the result (or None on failure).
    """
    TRACE_MARK[0] = len(TRACE)
    try:
        result = fn()
    except Exception as ex:  # noqa
        record(False, name, 'raised ' + describe_exc(ex))
        return None
    ok, detail = judge(check, result, 'returned ' + short(result))
    record(ok, name, detail)
    return result


def expect_error(name, fn, exc_cls, status, code=None, why='', desc=None):
    """PASS if fn() raises exc_cls with http_status == status (and code, desc)."""
    TRACE_MARK[0] = len(TRACE)
    want = '%s/%s%s' % (exc_cls.__name__, status,
                        '' if code is None else '/code %s' % code)
    if desc is not None:
        want += '/desc %r' % desc
    if why:
        want += ' (%s)' % why
    try:
        result = fn()
    except hpeexc.ClientException as ex:
        got_status = getattr(ex, 'http_status', None)
        ok = isinstance(ex, exc_cls) and got_status == status
        if code is not None:
            ok = ok and ex.get_code() == code
        if desc is not None:
            ok = ok and ex.get_description() == desc
        record(ok, name, 'expected %s, saw %s' % (want, describe_exc(ex)))
        return ex
    except Exception as ex:  # noqa
        record(False, name, 'expected %s, saw non-client exception %s'
               % (want, describe_exc(ex)))
        return ex
    record(False, name, 'expected %s, but call succeeded and returned %s'
           % (want, short(result)))
    return None


def install_trace(cl, who=None):
    """Record every request/answer of this client (for FAIL evidence).

    who labels the client's entries ("[who] ...") where a script drives
    more than one array.
    """
    original = cl.http.request

    def traced(*args, **kwargs):
        entry = {'who': who, 'method': args[1], 'url': args[0],
                 'body': kwargs.get('body')}
        try:
            resp, body = original(*args, **kwargs)
            entry['status'] = getattr(resp, 'status', None)
            loc = resp.get('location') if hasattr(resp, 'get') else None
            entry['response'] = body if loc is None else {'location': loc, 'body': body}
            return resp, body
        except hpeexc.ClientException as ex:
            entry['status'] = getattr(ex, 'http_status', None)
            entry['response'] = {'code': ex.get_code(),
                                 'desc': ex.get_description(),
                                 'ref': ex.get_ref()}
            raise
        except Exception as ex:  # noqa
            entry['status'] = 'exception'
            entry['response'] = repr(ex)
            raise
        finally:
            TRACE.append(entry)
    cl.http.request = traced


def count_reauths(cl, sink):
    """Append to sink the traced request behind each re-login of cl."""
    orig = cl.http._reauth

    def counting_reauth():  # instrumentation only; calls the real method
        sink.append(TRACE[-1]['method'] + ' ' + TRACE[-1]['url']
                    if TRACE else '?')
        return orig()
    cl.http._reauth = counting_reauth


def new_client(url, args, name='HPE3ParClient(url, secure=False) constructor'):
    """HPE3ParClient(url, secure=False) with --debug/--timeout; on an error
    records a FAIL named name and returns None."""
    try:
        return hpeclient.HPE3ParClient(url, debug=args.debug, secure=False,
                                       timeout=args.timeout)
    except Exception as ex:  # noqa
        record(False, name, 'raised ' + describe_exc(ex))
        return None


def login_step(cl, args, name=None):
    """Step: cl.login(--user, --password) leaves a session key.  Returns
    the key (None on failure)."""
    def do_login():
        cl.login(args.user, args.password)
        return cl.http.session_key
    return step(name or 'login(%s, ***)' % args.user, do_login,
                lambda k: (isinstance(k, str) and len(k) > 0, 'session key'))


def open_client(url, args, who=None,
                name='HPE3ParClient(url, secure=False) constructor',
                login_name=None):
    """new_client(), traced (install_trace) and with its re-logins counted
    (count_reauths), then login_step().  Returns (client, reauths); client
    is None when the constructor or the login failed."""
    reauths = []
    cl = new_client(url, args, name)
    if cl is None:
        return None, reauths
    install_trace(cl, who)
    count_reauths(cl, reauths)
    if login_step(cl, args, login_name) is None:
        return None, reauths
    return cl, reauths


def close_client(cl, reauths, who=None):
    """Last words on a client: a step that no 503 / connection-error retry
    was consumed, a note of the re-logins counted into reauths, logout()."""
    tag = '[%s] ' % who if who else ''
    record(cl.http.tries == hpeclient.http.HTTPJSONRESTClient.tries
           and cl.http.delay == 0,
           tag + 'no retries consumed (503 / connection errors)',
           'http.tries=%r, http.delay=%r' % (cl.http.tries, cl.http.delay))
    note(tag + 're-logins caused by 401/403 answers: %d (%s)'
         % (len(reauths), reauths))
    try:
        cl.logout()
    except Exception as e:  # noqa
        note(tag + 'logout raised %s' % describe_exc(e))


def caching(fetch, cache):
    """fetch(name) that also keeps each answer in cache[name]."""
    def _get(name):
        answer = fetch(name)
        cache[name] = answer
        return answer
    return _get


def host_root(api_url):
    # Same rule as HPE3ParClient.getWsApiVersion(): api_url.split('/api')[0]
    return api_url.split('/api')[0]


class Control(object):
    """One array's control API (/_emulator, not part of WSAPI), plain urllib."""

    def __init__(self, api_url, timeout, label=None):
        self.base = host_root(api_url) + '/_emulator'
        self.timeout = timeout
        self.label = label

    def call(self, method, path, body=None):
        data = None
        headers = {'Accept': 'application/json'}
        if method != 'GET':
            data = json.dumps(body if body is not None else {}).encode('utf-8')
            headers['Content-Type'] = 'application/json'
        req = urlrequest.Request(self.base + path, data=data, headers=headers)
        req.get_method = lambda: method
        try:
            r = urlrequest.urlopen(req, timeout=self.timeout)
            status, raw = r.getcode(), r.read()
        except HTTPError as e:
            status, raw = e.code, e.read()
        try:
            payload = json.loads(raw.decode('utf-8'))
        except ValueError:
            payload = raw.decode('utf-8', 'replace')
        return status, payload

    def post(self, path, body=None):
        return self.call('POST', path, body)


def control_step(name, ctl, method, path, body=None, want_status=200,
                 check=None):
    """Step: ctl.call(method, path, body) answers want_status (and the
    payload passes check).  Returns (status, payload), (None, None) if the
    call raised.  The detail names the array when ctl has a label and shows
    the body except on a GET."""
    TRACE_MARK[0] = len(TRACE)
    where = '%s%s /_emulator%s%s' % (
        '[%s] ' % ctl.label if ctl.label else '', method, path,
        '' if method == 'GET' else ' ' + short(body))
    try:
        status, data = ctl.call(method, path, body)
    except Exception as ex:  # noqa
        record(False, name, '%s raised %r' % (where, ex))
        return None, None
    ok = status == want_status
    detail = '%s -> %s %s' % (where, status, short(data))
    if ok:
        ok, detail = judge(check, data, detail)
    record(ok, name, detail)
    return status, data


def fresh_client(ctl, url, args):
    """Step 'reset the emulator' (POST /_emulator/reset through ctl), then
    open_client(url, args).  Returns (client, reauths); client is None when
    any of it failed."""
    status, _ = control_step('reset the emulator', ctl, 'POST', '/reset', {})
    if status is None:
        return None, []
    return open_client(url, args)


def parse_args(doc, url_help=None, url_options=None, options=None,
               prefix_help=None):
    """The common command line: url [--user] [--password] [--timeout] [--debug].

    url_options(ap) adds a script's options right after url, options(ap)
    those after --password, and prefix_help a --prefix option after those
    (so --help keeps each script's order).
    """
    ap = argparse.ArgumentParser(description=doc.split('\n')[0])
    if url_help is None:
        ap.add_argument('url', nargs='?', default=DEFAULT_URL)
    else:
        ap.add_argument('url', nargs='?', default=DEFAULT_URL, help=url_help)
    if url_options is not None:
        url_options(ap)
    ap.add_argument('--user', default='3paradm')
    ap.add_argument('--password', default='3pardata')
    if options is not None:
        options(ap)
    if prefix_help is not None:
        ap.add_argument('--prefix', default=None, help=prefix_help)
    ap.add_argument('--timeout', type=float, default=30.0,
                    help='per-request timeout handed to HPE3ParClient')
    ap.add_argument('--debug', action='store_true',
                    help='turn on the client\'s HTTP request/response logging')
    return ap.parse_args()


def print_client_version():
    print('python-3parclient %s from %s' % (hpe3parclient.version,
                                             os.path.dirname(hpe3parclient.__file__)))


def quiet_tls_warnings():
    """No urllib3 InsecureRequestWarning for secure=False on https URLs."""
    try:
        import requests
        requests.packages.urllib3.disable_warnings()
    except Exception:  # noqa
        pass


def finish():
    passed = sum(1 for ok, _, _ in RESULTS if ok)
    failed = len(RESULTS) - passed
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or not RESULTS else 0
