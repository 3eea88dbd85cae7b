#!/usr/bin/env python3
"""Regenerates Troupe's command table data from a running Redis 7.0.

The facts of each command (arity, flags, key positions, ACL categories, key
specs, and the COMMAND DOCS summary/since/group/complexity/arguments) are read
from a real redis-server with COMMAND INFO and COMMAND DOCS over RESP3, and
written as typed JSON so Troupe can re-encode them byte for byte in RESP2 and
RESP3:

  "text"           bulk string          {"+": "text"}   simple string
  123              integer              null            null
  [ ... ]          array                {"~": [ ... ]}  set
  {"%": [k, v, k, v ...]}  map

Usage: tools/gen-command-table.py [port]   (default 6379)
Reads  src/main/resources/io/troupe/command/commands.list
Writes src/main/resources/io/troupe/command/commands.json
"""
import json, os, socket, sys

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, '..', 'src', 'main', 'resources', 'io', 'troupe', 'command')


class Resp3:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port))
        self.f = self.s.makefile('rb')
        self.call('HELLO', '3')

    def call(self, *args):
        out = b'*%d\r\n' % len(args)
        for a in args:
            a = a.encode()
            out += b'$%d\r\n%s\r\n' % (len(a), a)
        self.s.sendall(out)
        return self.read()

    def read(self):
        line = self.f.readline()[:-2]
        t, rest = chr(line[0]), line[1:].decode()
        if t == '+':
            return {'+': rest}
        if t == '-':
            raise RuntimeError(rest)
        if t == ':':
            return int(rest)
        if t == '_':
            return None
        if t in '$=':
            n = int(rest)
            data = self.f.read(n + 2)[:-2].decode()
            return data[4:] if t == '=' else data
        if t in '*~>':
            items = [self.read() for _ in range(int(rest))]
            return {'~': items} if t == '~' else items
        if t == '%':
            items = []
            for _ in range(int(rest)):
                items.append(self.read())
                items.append(self.read())
            return {'%': items}
        raise RuntimeError('unexpected RESP type ' + t)


def keep_subcommands(info, docs, wanted):
    """Drops the subcommands Troupe does not implement from both replies."""
    # Redis replies an empty set for a command without subcommands and an
    # array for a container's: keep that distinction, RESP3 clients see it.
    if isinstance(info[9], list):
        info[9] = [s for s in info[9] if s[0] in wanted]
    if isinstance(docs, dict):
        kv = docs['%']
        for i in range(0, len(kv), 2):
            if kv[i] == 'subcommands':
                sub = kv[i + 1]['%']
                kept = []
                for j in range(0, len(sub), 2):
                    if sub[j] in wanted:
                        kept += [sub[j], sub[j + 1]]
                kv[i + 1]['%'] = kept


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 6379
    names = []
    with open(os.path.join(RES, 'commands.list')) as f:
        for line in f:
            line = line.split('#')[0].strip().lower()
            if line:
                names.append(line)
    parents = [n for n in names if '|' not in n]
    wanted = set(names)
    r = Resp3(port)
    out = {}
    for name in parents:
        info = r.call('COMMAND', 'INFO', name)[0]
        if info is None:
            raise SystemExit('unknown command in commands.list: ' + name)
        docs = r.call('COMMAND', 'DOCS', name)['%'][1]
        keep_subcommands(info, docs, wanted)
        out[name] = {'info': info, 'docs': docs}
    for n in names:
        if '|' in n and n.split('|')[0] not in out:
            raise SystemExit('subcommand without its container: ' + n)
    with open(os.path.join(RES, 'commands.json'), 'w') as f:
        # One command per line, so a change to the table reads as a diff.
        lines = ['%s:%s' % (json.dumps(k), json.dumps(out[k], separators=(',', ':')))
                 for k in sorted(out)]
        f.write('{\n' + ',\n'.join(lines) + '\n}\n')
    print('wrote %d commands' % len(out))


if __name__ == '__main__':
    main()
