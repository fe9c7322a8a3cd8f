#!/usr/bin/env python3
"""The "bar" set: what a phone in a bar or a living room hears, for issue 24's targets.
Clips cut from the corpus' indexed tracks (3/5/10/15 s: the app listens up to 15 s), through
field_audio.py's conversations, measured-like rooms, a small loudspeaker and a phone
microphone; a few negatives of unindexed tracks per cell.

    apt-get install festival festvox-us-slt-hts ...   (field_audio.FESTIVAL_INSTALL; optional)
    python3 bench/data/make-bar-queries.py [../bench-data] [../shared/bench] [bar|held]

writes <data>/queries/<set>/*.wav and queries.json (FORMAT.md's shape). The "held" set is the
same degradations at 25 s, as the app's "keep listening" hears them (web/src/lib/listen-limit.ts).
"""
import json
import os
import sys

import numpy as np

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../bench-data')
sys.path.insert(0, os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else '../shared/bench'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ['BENCH_DATA'] = DATA
from degrade import SR, add_at_snr, cut_noise, decode  # noqa: E402
from make_queries import fit_length, pick_segment, write_wav  # noqa: E402
from field_audio import conversation, convolve, phone_mic, room_ir, small_speaker, speech_voices  # noqa: E402

SET = sys.argv[3] if len(sys.argv) > 3 else 'bar'
if SET not in ('bar', 'held'):
    sys.exit(f'unknown set {SET!r}: bar or held')
POSITIVES, NEGATIVES = (50, 4) if SET == 'bar' else (30, 4)      # per condition and duration


def main():
    voices = speech_voices()
    print(f'voices: {", ".join(v[1] for v in voices)}', file=sys.stderr)
    beds = {   # long beds, cut at random: 3 talkers, 6 talkers, a crowd of 10
        'three': conversation(voices, 3, 180, 301),
        'six': conversation(voices, 6, 180, 602),
        'crowd': conversation(voices, 10, 180, 1003, rt60=(0.6, 1.2)),
    }

    def talk(bed, snr):
        return lambda x, rng: add_at_snr(x, cut_noise(beds[bed], len(x), rng), snr)

    def room(x, rng):
        return phone_mic(convolve(x, room_ir(rng, rng.uniform(0.4, 1.5))), rng)

    def speaker(x, rng):
        y = convolve(small_speaker(x, rng), room_ir(rng, rng.uniform(0.4, 1.0), distance=rng.uniform(0.7, 2.5)))
        return phone_mic(y, rng)

    def crowd_room_phone(x, rng):
        y = convolve(x, room_ir(rng, rng.uniform(0.5, 1.2)))
        return phone_mic(add_at_snr(y, cut_noise(beds['crowd'], len(y), rng), 5), rng)

    conditions = [   # name, degradation, durations
        ('talk3_snr3', talk('three', 3), (5, 10, 15)),
        ('talk6_snr0', talk('six', 0), (5, 10, 15)),
        ('crowd_room_phone_snr5', crowd_room_phone, (5, 10)),
        ('room_phone', room, (3, 5)),
        ('speaker_room_phone', speaker, (3, 5)),
    ]
    if SET == 'held':
        conditions = [(name, fn, (25,)) for name, fn, _ in conditions]
    manifest = json.load(open(os.path.join(DATA, 'corpus/manifest.json')))
    regions = json.load(open(os.path.join(DATA, 'corpus/shared_regions.json')))['regions']
    pos_tracks = [t for t in manifest if t['indexed']]
    neg_tracks = [t for t in manifest if not t['indexed']]
    rng = np.random.default_rng(20261202 if SET == 'bar' else 20261206)
    plan = []
    for name, fn, durations in conditions:
        for d in durations:
            for pool, n, kind in ((pos_tracks, POSITIVES, 'pos'), (neg_tracks, NEGATIVES, 'neg')):
                plan += [(name, fn, d, kind, pool[rng.integers(len(pool))]) for _ in range(n)]
    out_dir = os.path.join(DATA, f'queries/{SET}')
    os.makedirs(out_dir, exist_ok=True)
    out = [None] * len(plan)
    by_track = {}
    for i, p in enumerate(plan):
        by_track.setdefault(p[4]['id'], []).append(i)
    for tid, idxs in sorted(by_track.items()):
        t = next(x for x in manifest if x['id'] == tid)
        audio = decode(os.path.join(DATA, t['path']))
        for i in idxs:
            name, fn, d, kind, _ = plan[i]
            s = pick_segment(t, audio, d, regions.get(tid, []), rng)
            if s is None:
                continue
            y = fit_length(fn(audio[int(s * SR): int(s * SR) + d * SR], rng), d)
            qid = f'{SET[0]}{i:05d}'
            path = f'queries/{SET}/{qid}.wav'
            write_wav(os.path.join(DATA, path), y, rng)
            out[i] = {'qid': qid, 'path': path, 'track': tid if kind == 'pos' else None,
                      'offset_s': s, 'duration_s': d, 'condition': name}
    out = [q for q in out if q]
    json.dump(out, open(os.path.join(out_dir, 'queries.json'), 'w'), indent=1)
    npos = sum(1 for q in out if q['track'])
    print(f'{len(out)} {SET} queries ({npos} positives) in {out_dir}')


main()
