#!/usr/bin/env python3
"""A duplicate-class test set from real tracks: each source track of the corpus through the
transformations an archive meets, named so the truth can be read back from the file name
(<source>__<transformation>.<ext>, one folder per source), plus the corpus' pairs that share
material (overlaps.json) as they ship.

    python3 bench/data/make-dedupe-set.py [../bench-data] [sources=24]

writes <data>/dedupe/<source>/*.{flac,mp3,ogg,opus,wav} and <data>/dedupe/truth.json:
{ "transformations": {name: class}, "shared": [[file, file], ...] }. Needs ffmpeg and sox.
AAC is left out: the CLI does not decode it yet (README).
"""
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dedupe_versions import TRANSFORMS, make_version, probe  # noqa: E402

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../bench-data')
SOURCES = int(sys.argv[2]) if len(sys.argv) > 2 else 24
OUT = os.path.join(DATA, 'dedupe')

def main():
    manifest = json.load(open(os.path.join(DATA, 'corpus/manifest.json')))
    overlaps = json.load(open(os.path.join(DATA, 'corpus/overlaps.json')))
    involved = {o['a'] for o in overlaps} | {o['b'] for o in overlaps}
    pool = [t for t in manifest if 60 <= t['duration_s'] <= 300 and t['id'] not in involved]
    rng = random.Random(20261202)
    sources = rng.sample(pool, min(SOURCES, len(pool)))
    os.makedirs(OUT, exist_ok=True)
    for n, t in enumerate(sources):
        src = os.path.join(DATA, t['path'])
        name = t['id'].replace('/', '_')
        folder = os.path.join(OUT, name)
        os.makedirs(folder, exist_ok=True)
        d, sr = probe(src)
        for tf, (_, ext, how) in TRANSFORMS.items():
            out = os.path.join(folder, f'{name}__{tf}.{ext}')
            if not os.path.exists(out):
                make_version(src, out, how, d, sr)
        print(f'{n + 1}/{len(sources)} {t["id"]}', file=sys.stderr)
    # pairs of the corpus that share material, as shipped (a loop, a section, an "enhanced" remake)
    shared_dir = os.path.join(OUT, 'shared')
    os.makedirs(shared_dir, exist_ok=True)
    pairs = []
    by_id = {t['id']: t for t in manifest}
    seen = set()
    for o in overlaps:
        key = tuple(sorted((o['a'], o['b'])))
        if key in seen or o['a'] not in by_id or o['b'] not in by_id:
            continue
        seen.add(key)
        files = []
        for tid in key:
            dst = os.path.join(shared_dir, tid.replace('/', '_') + os.path.splitext(by_id[tid]['path'])[1])
            if not os.path.exists(dst):
                subprocess.run(['cp', os.path.join(DATA, by_id[tid]['path']), dst], check=True)
            files.append(os.path.relpath(dst, OUT))
        pairs.append({'files': files, 'fraction_of_a': o['fraction_of_a'], 'shared_s': o['shared_s_of_a']})
    truth = {'transformations': {k: v[0] for k, v in TRANSFORMS.items()}, 'shared': pairs}
    json.dump(truth, open(os.path.join(OUT, 'truth.json'), 'w'), indent=1)
    print(f'{len(sources)} sources x {len(TRANSFORMS)} versions, {len(pairs)} shared-material pairs in {OUT}')


main()
