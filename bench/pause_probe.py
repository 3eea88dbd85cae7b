#!/usr/bin/env python3
"""Longest pause a client sees, with and without a BGSAVE running.

One connection sends GET (a random existing key) in a loop, one request in
flight, and records every round trip. Phases alternate: "idle" runs for
--idle seconds with nothing else going on; "bgsave" sends BGSAVE on a second
connection and lasts until INFO says rdb_bgsave_in_progress:0 (polled every
100 ms from the same thread, between probes; the poll itself is not timed).
Prints one line per phase: requests, median, p99, p99.9 and max latency in ms,
and the BGSAVE's own duration.

Usage: pause_probe.py PORT [--rounds 2] [--idle 5] [--keys 1000000]
"""
import argparse, random, socket, time


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port))
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.f = self.s.makefile('rb')

    def call(self, *args):
        out = b'*%d\r\n' % len(args)
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += b'$%d\r\n%s\r\n' % (len(a), a)
        self.s.sendall(out)
        return self.read()

    def read(self):
        line = self.f.readline()
        t = line[:1]
        if t == b'$':
            n = int(line[1:-2])
            return None if n < 0 else self.f.read(n + 2)[:-2]
        if t in (b'+', b':'):
            return line[1:-2]
        if t == b'-':
            raise RuntimeError(line[1:-2].decode())
        raise RuntimeError('unexpected reply %r' % line)


def info_field(conn, name):
    text = conn.call('INFO', 'persistence').decode()
    for l in text.split('\r\n'):
        if l.startswith(name + ':'):
            return l.split(':', 1)[1]
    return None


def report(phase, lat, extra=''):
    lat.sort()
    n = len(lat)
    pct = lambda p: lat[min(n - 1, int(p * n))] * 1000
    print('%-7s requests=%7d  median=%.3f ms  p99=%.3f ms  p99.9=%.3f ms  max=%.3f ms%s' % (
        phase, n, pct(0.5), pct(0.99), pct(0.999), lat[-1] * 1000, extra), flush=True)
    return lat[-1] * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('port', type=int)
    ap.add_argument('--rounds', type=int, default=2)
    ap.add_argument('--idle', type=float, default=5.0)
    ap.add_argument('--keys', type=int, default=1000000)
    a = ap.parse_args()
    probe, admin = Conn(a.port), Conn(a.port)
    rnd = random.Random(1)
    keys = [b'key:%012d' % rnd.randrange(a.keys) for _ in range(4096)]

    def one(i):
        t = time.perf_counter()
        probe.call('GET', keys[i & 4095])
        return time.perf_counter() - t

    for i in range(20000):  # warm-up
        one(i)
    for r in range(a.rounds):
        lat, end, i = [], time.perf_counter() + a.idle, 0
        while time.perf_counter() < end:
            lat.append(one(i)); i += 1
        report('idle', lat)
        lat, i = [], 0
        start = time.perf_counter()
        assert admin.call('BGSAVE') == b'Background saving started'
        next_poll = start + 0.1
        while True:
            lat.append(one(i)); i += 1
            now = time.perf_counter()
            if now >= next_poll:
                next_poll = now + 0.1
                if info_field(admin, 'rdb_bgsave_in_progress') == '0':
                    break
        status = info_field(admin, 'rdb_last_bgsave_status')
        report('bgsave', lat, '  (BGSAVE took %.2f s, status %s)' % (time.perf_counter() - start, status))


if __name__ == '__main__':
    main()
