#!/usr/bin/env python3
"""Measures the offline health list of docs/offline-health.md for a province: Golomb-Rice coded sets (one for RED,
one for AMBER) of keyed hashes of the live pass ids of flagged holders, against the plain alternatives.
Usage: python3 docs/offline-health-size.py [people] [flagged-share] [red-share-of-flagged] [fp-bits]"""
import gzip
import hashlib
import hmac
import json
import os
import sys
import base64


def gcs(ids, key, fp_bits):
    """Golomb-Rice coded set: HMAC-SHA256(key, id) mod n * 2^fp_bits, sorted, gaps coded with parameter fp_bits."""
    n = len(ids)
    modulus = n << fp_bits
    values = sorted(int.from_bytes(hmac.new(key, i, hashlib.sha256).digest()[:8], 'big') % modulus for i in ids)
    bits = []
    previous = 0
    for v in values:
        gap = v - previous
        previous = v
        q, r = gap >> fp_bits, gap & ((1 << fp_bits) - 1)
        bits.append('1' * q + '0' + format(r, '0%db' % fp_bits))
    stream = ''.join(bits)
    stream += '0' * (-len(stream) % 8)
    return int(stream, 2).to_bytes(len(stream) // 8, 'big') if stream else b''


def main():
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    flagged_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    red_share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3
    fp_bits = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    flagged = int(people * flagged_share)
    red = int(flagged * red_share)
    key = os.urandom(32)
    ids = [os.urandom(16) for _ in range(flagged)]  # one live pass per flagged holder
    red_set = gcs(ids[:red], key, fp_bits)
    amber_set = gcs(ids[red:], key, fp_bits)
    red_bytes, amber_bytes = len(red_set), len(amber_set)
    total = red_bytes + amber_bytes + 64  # + header: province, key id, period, counts, P
    hashes = [base64.urlsafe_b64encode(hmac.new(key, i, hashlib.sha256).digest()[:8]).decode().rstrip('=') for i in ids]
    as_json = json.dumps({'RED': sorted(hashes[:red]), 'AMBER': sorted(hashes[red:])}, separators=(',', ':')).encode()
    print(f'people {people:,}, flagged {flagged:,} ({red:,} RED, {flagged - red:,} AMBER), false match 2^-{fp_bits} per scan')
    print(f'Golomb-Rice sets: {total:,} bytes ({8 * (red_bytes + amber_bytes) / flagged:.2f} bits per flagged pass)')
    print(f'gzip of the sets: {len(gzip.compress(red_set + amber_set)):,} bytes (coded gaps are random: no gain)')
    print(f'JSON of 8-byte hashes: {len(as_json):,} bytes, gzipped {len(gzip.compress(as_json)):,}')
    print(f'raw 8-byte hashes: {8 * flagged:,} bytes')


if __name__ == '__main__':
    main()
