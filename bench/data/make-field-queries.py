#!/usr/bin/env python3
"""Field conditions the dev suite does not hold, made from its clean clips (positives and
negatives, 3/5/10 s) with the bench's own degradation helpers (../shared/bench/degrade.py):
rooms (a synthetic impulse response, not sox's reverb), other talkers, brown noise, speech
codecs, a muffled speaker, a very quiet and a clipped recording, and a phone call in a room.
A robustness check against tuning to the dev suite, not a target of its own.

    python3 bench/data/make-field-queries.py [../bench-data] [../shared/bench]

writes <data>/queries/field/*.wav and queries.json (FORMAT.md's shape).
"""
import json
import os
import sys
import wave

import numpy as np

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../bench-data')
sys.path.insert(0, os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else '../shared/bench'))
os.environ['BENCH_DATA'] = DATA
from degrade import (SR, add_at_snr, babble_bed, codec, colored_noise,  # noqa: E402
                     convolve, room_response, sox)
from make_queries import write_wav  # noqa: E402  (the suite's own level handling)

# voices the dev suite's talker bed does not use
BED = babble_bed(['de+m2', 'fr+f3', 'es+m4', 'en-us+m5', 'en+f5'], 120, 'field')


def talkers(x, rng, snr):
    s = rng.integers(0, len(BED) - len(x))
    return add_at_snr(x, BED[s: s + len(x)], snr)


def phone_call(x, rng):
    y = convolve(x, room_response(rng, 0.8))
    y = talkers(y, rng, 10)
    return codec(y, ['-c:a', 'libgsm', '-f', 'gsm'], rate=8000)


# name -> (degradation, keep_level: the stored level is part of the condition)
CONDITIONS = {
    'room_rt06': (lambda x, rng: convolve(x, room_response(rng, 0.6)), False),
    'room_rt15': (lambda x, rng: convolve(x, room_response(rng, 1.5)), False),
    'talkers_snr5': (lambda x, rng: talkers(x, rng, 5), False),
    'talkers_snr0': (lambda x, rng: talkers(x, rng, 0), False),
    'brown_snr0': (lambda x, rng: add_at_snr(x, colored_noise(len(x), rng, 2), 0), False),
    'opus_16k': (lambda x, rng: codec(x, ['-c:a', 'libopus', '-b:a', '16k', '-f', 'ogg']), False),
    'aac_24k': (lambda x, rng: codec(x, ['-c:a', 'aac', '-b:a', '24k', '-f', 'adts']), False),
    'gsm': (lambda x, rng: codec(x, ['-c:a', 'libgsm', '-f', 'gsm'], rate=8000), False),
    'lowpass_2k': (lambda x, rng: sox(x, 'lowpass', '2000', 'lowpass', '2000'), False),
    'quiet_m45': (lambda x, rng: x / (np.max(np.abs(x)) + 1e-12) * 10 ** (-45 / 20), True),
    'clipped_12db': (lambda x, rng: np.clip(x / (np.max(np.abs(x)) + 1e-12) * 10 ** (12 / 20), -1, 1), True),
    'phone_call': (phone_call, False),
}


def read_wav(path):
    with wave.open(path, 'rb') as w:
        assert w.getframerate() == SR and w.getnchannels() == 1 and w.getsampwidth() == 2
        return np.frombuffer(w.readframes(w.getnframes()), '<i2').astype(np.float32) / 32768


def main():
    dev = json.load(open(os.path.join(DATA, 'queries/dev/queries.json')))
    sources = [q for q in dev if q['condition'] == 'clean']
    out_dir = os.path.join(DATA, 'queries/field')
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(20261123)
    out = []
    for name, (fn, keep_level) in CONDITIONS.items():
        for q in sources:
            x = read_wav(os.path.join(DATA, q['path']))
            y = np.asarray(fn(x, rng), np.float64)[: len(x)]
            qid = f'f{len(out):05d}'
            path = f'queries/field/{qid}.wav'
            write_wav(os.path.join(DATA, path), y, rng, keep_level)
            out.append({**q, 'qid': qid, 'path': path, 'condition': name})
        print(f'{name}: {len(sources)} clips', file=sys.stderr)
    json.dump(out, open(os.path.join(out_dir, 'queries.json'), 'w'), indent=1)
    npos = sum(1 for q in out if q['track'])
    print(f'{len(out)} field queries ({npos} positives) in {out_dir}')


main()
