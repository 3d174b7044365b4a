"""The CLI door with the real python-3parclient: setSSHOptions to the emulator's SSH port, then the SSH-only
client calls (patches, findHost, setQOSRule, schedules, remote-copy links/targets, dismissrcopyvv, srstatld),
each checked through the WSAPI where it has an effect. Needs `npm start -- --fixture pair --port 8080`
(CLI on 9080). Run: PYTHONPATH=<python-3parclient> python3 verify_cli.py
"""
import urllib.request
urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8080/_emulator/reset', method='POST', data=b''))
from hpe3parclient import client, exceptions
cl = client.HPE3ParClient('http://127.0.0.1:8080/api/v1')
cl.setSSHOptions('127.0.0.1', '3paradm', '3pardata', port=9080)
cl.login('3paradm', '3pardata')
ok = 0; bad = 0
def check(name, cond, detail=''):
    global ok, bad
    if cond: ok += 1; print('PASS', name)
    else: bad += 1; print('FAIL', name, detail)
p = cl.getPatches(); check('getPatches', p['total'] == 2 and p['members'][0]['Id'] == 'P04', p)
check('getPatch', 'Patch detail info for P04' in cl.getPatch('P04')[0])
check('getPatch bogus', 'Patch P16-BOGUS not recognized' in cl.getPatch('P16-BOGUS')[0])
cl.createHost('h1', FCWwns=['10000000C9AABB02'])
check('findHost', cl.findHost(wwn='10000000C9AABB02') == 'h1')
check('findHost none', cl.findHost(wwn='10000000C9AABB03') is None and len(cl.getHosts()['members']) == 1)
cl.createVolume('qv1', 'FC_r1', 1024, {'tpvv': True, 'snapCPG': 'FC_r1'})
cl.createVolumeSet('qs1', setmembers=['qv1'])
cl.setQOSRule('qs1', max_io=500, max_bw=100)
r = cl.queryQoSRule('qs1'); check('setQOSRule visible via WSAPI', r['ioMaxLimit'] == 500 and r['bwMaxLimitKB'] == 102400, r)
cl.createSchedule('sched1', 'createsv -ro snap-@vvname@ qv1', '0 * * * *')
s = cl.getSchedule('sched1'); check('getSchedule', any('sched1' in l for l in s), s)
cl.modifySchedule('sched1', {'newName': 'sched2', 'taskFrequency': '@daily'})
try:
    cl.getSchedule('sched1'); check('renamed away', False)
except AttributeError:  # python-3parclient 4.2.12 raises a class it lacks (SSHNotFoundException)
    check('renamed away', True)
cl.suspendSchedule('sched2'); check('suspend', cl.getScheduleStatus('sched2') == 'suspended')
cl.resumeSchedule('sched2'); check('resume', cl.getScheduleStatus('sched2') == 'active')
try:
    cl.createSchedule('sched3', 'createsv x', '99 * *'); check('bad format raises', False)
except exceptions.SSHException:
    check('bad format raises', True)
cl.deleteSchedule('sched2')
try:
    cl.getSchedule('sched2'); check('deleted', False)
except AttributeError:  # python-3parclient 4.2.12 raises a class it lacks (SSHNotFoundException)
    check('deleted', True)
check('rcopyServiceExists', cl.rcopyServiceExists())
cl.startrCopy(); check('startrCopy silent', True)
check('rcopyLinkExists', cl.rcopyLinkExists('3par-emu-02', '0:3:1', '10.10.9.11'))
cl.admitRemoteCopyLinks('3par-emu-02', '0:3:2', '10.10.9.21')
check('admitRemoteCopyLinks', cl.rcopyLinkExists('3par-emu-02', '0:3:2', '10.10.9.21'))
check('link visible via WSAPI', any(l['name'] == '3par-emu-02_0_3_2' for l in cl.http.get('/remotecopylinks')[1]['members']))
cl.dismissRemoteCopyLinks('3par-emu-02', '0:3:2', '10.10.9.21')
check('dismissRemoteCopyLinks', not cl.rcopyLinkExists('3par-emu-02', '0:3:2', '10.10.9.21'))
cl.createRemoteCopyGroup('rcg-x', [{'targetName': '3par-emu-02', 'mode': 1, 'userCPG': 'FC_r1', 'snapCPG': 'FC_r1'}], {'localUserCPG': 'FC_r1', 'localSnapCPG': 'FC_r1'})
try:
    cl.admitRemoteCopyTarget('3par-emu-02', 'sync', 'rcg-x'); check('admit same target refused', False)
except exceptions.SSHException as e:
    check('admit same target refused', 'already in this group' in str(e), e)
cl.addVolumeToRemoteCopyGroup('rcg-x', 'qv1', [{'targetName': '3par-emu-02', 'secVolumeName': 'qv1'}], optional={'volumeAutoCreation': True})
cl.removeVolumeFromRemoteCopyGroup('rcg-x', 'qv1', removeFromTarget=True, useHttpDelete=False)
g = cl.getRemoteCopyGroup('rcg-x'); check('dismissrcopyvv visible via WSAPI', g['volumes'] == [], g)
st = cl.getCPGStatData('FC_r1', 'daily', '7d'); check('getCPGStatData', st['throughput'] == 0.0 and 'avg_busy_perc' in st, st)
print(ok, 'passed,', bad, 'failed')
