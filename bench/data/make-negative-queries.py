#!/usr/bin/env python3
"""A negative set of some 1,600 clips no system should answer: music that is not in the
index (the corpus' unindexed tracks and other Debian game soundtracks: rock, ambient,
chiptune-like, orchestral, blues), clean and through field_audio.py's conditions; TV-like
mixes of speech over such music; conversations and a crowd without music; white, pink and
brown noise; the room tone of a quiet room. 3, 5, 10 and 15 s.

    apt-get install asc-music drascula-music hyperrogue-music planetblupi-music-ogg \\
        pushover-data lincity-ng-data boswars-data fillets-ng-data      # the extra music
    python3 bench/data/make-negative-queries.py [../bench-data] [../shared/bench]

writes <data>/queries/negatives/*.wav and queries.json (FORMAT.md's shape, all negatives;
`source` names the file or the kind of sound).
"""
import glob
import json
import os
import subprocess
import sys

import numpy as np

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../bench-data')
sys.path.insert(0, os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else '../shared/bench'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ['BENCH_DATA'] = DATA
from degrade import SR, add_at_snr, audible, colored_noise, cut_noise, decode, rms  # noqa: E402
from make_queries import fit_length, write_wav  # noqa: E402
from field_audio import conversation, convolve, phone_mic, room_ir, small_speaker, speech_voices  # noqa: E402

DURATIONS = (3, 5, 10, 15)
EXTRA_MUSIC = [   # music directories of Debian packages the corpus does not use
    '/usr/share/games/asc/music/*.mp3', '/usr/share/scummvm/drascula/audio/track*.ogg',
    '/usr/share/hyperrogue/music/*.ogg', '/usr/share/planetblupi/music/*.ogg',
    '/usr/share/pushover/themes/*.ogg', '/usr/share/games/lincity-ng/music/default/*.ogg',
    '/usr/share/games/boswars/music/*.ogg', '/usr/share/games/fillets-ng/music/*.ogg',
]
# (condition, clips per duration)
MUSIC = [('music_clean', 60), ('music_talk3_snr3', 60), ('music_room_phone', 60), ('music_speaker_room_phone', 60),
         ('tv_speech_over_music', 60)]
OTHER = [('speech', 40), ('crowd', 30), ('noise', 15), ('room_tone', 15)]


def duration(path):
    r = subprocess.run(['ffprobe', '-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path],
                       capture_output=True, text=True)
    try:
        return float(r.stdout.strip())
    except ValueError:
        return 0.0


def room_tone(n, rng):
    """A quiet room: air conditioning rumble, mains hum and a little hiss, near -50 dBFS."""
    t = np.arange(n) / SR
    hum = sum(np.sin(2 * np.pi * 50 * k * t + rng.uniform(0, 6.3)) / k for k in (1, 2, 3))
    y = colored_noise(n, rng, 2) + 0.3 * hum + 0.05 * colored_noise(n, rng, 0)
    return y / rms(y) * 10 ** (-50 / 20)


def main():
    voices = speech_voices()
    beds = {'three': conversation(voices, 3, 200, 911), 'crowd': conversation(voices, 10, 200, 912, rt60=(0.6, 1.2)),
            'tv': conversation(voices, 2, 200, 913, rt60=(0.3, 0.5))}
    manifest = json.load(open(os.path.join(DATA, 'corpus/manifest.json')))
    # audio an unindexed corpus track shares with an indexed one is not a negative
    regions = json.load(open(os.path.join(DATA, 'corpus/shared_regions.json')))['regions']
    shared = {os.path.join(DATA, t['path']): regions.get(t['id'], []) for t in manifest}
    files = [os.path.join(DATA, t['path']) for t in manifest if not t['indexed']]
    for pattern in EXTRA_MUSIC:
        files += sorted(f for f in glob.glob(pattern) if duration(f) >= 20)
    if len(files) < 20:
        raise SystemExit(f'only {len(files)} unindexed music files: install the packages in this script\'s header')
    print(f'{len(files)} unindexed music files, voices: {", ".join(v[1] for v in voices)}', file=sys.stderr)

    music_fns = {
        'music_clean': lambda x, rng: x,
        'music_talk3_snr3': lambda x, rng: add_at_snr(x, cut_noise(beds['three'], len(x), rng), 3),
        'music_room_phone': lambda x, rng: phone_mic(convolve(x, room_ir(rng, rng.uniform(0.4, 1.5))), rng),
        'music_speaker_room_phone': lambda x, rng: phone_mic(
            convolve(small_speaker(x, rng), room_ir(rng, rng.uniform(0.4, 1.0), distance=rng.uniform(0.7, 2.5))), rng),
        # a television: speech in front, its music bed 6 dB under it
        'tv_speech_over_music': lambda x, rng: add_at_snr(cut_noise(beds['tv'], len(x), rng), x, 6),
    }
    rng = np.random.default_rng(20261203)
    plan = [(c, d, files[rng.integers(len(files))]) for c, n in MUSIC for d in DURATIONS for _ in range(n)]
    out_dir = os.path.join(DATA, 'queries/negatives')
    os.makedirs(out_dir, exist_ok=True)
    out = []

    def emit(y, d, condition, source, offset=None):
        qid = f'n{len(out):05d}'
        path = f'queries/negatives/{qid}.wav'
        write_wav(os.path.join(DATA, path), fit_length(y, d), rng, condition == 'room_tone')
        out.append({'qid': qid, 'path': path, 'track': None, 'offset_s': offset, 'duration_s': d,
                    'condition': condition, 'source': source})

    by_file = {}
    for p in plan:
        by_file.setdefault(p[2], []).append(p)
    for f, items in sorted(by_file.items()):
        audio = decode(f)
        for c, d, _ in items:
            n = d * SR
            for _ in range(40):
                s = int(rng.integers(0, max(1, len(audio) - n)))
                seg = audio[s: s + n]
                if any(a - 0.5 < (s + n) / SR and s / SR < b + 0.5 for a, b in shared.get(f, [])):
                    continue
                if len(seg) == n and audible(seg):
                    emit(music_fns[c](seg, rng), d, c, os.path.relpath(f, DATA) if f.startswith(DATA) else f,
                         round(s / SR, 3))
                    break
    for c, n in OTHER:
        for d in DURATIONS:
            for i in range(n):
                m = d * SR
                if c == 'speech':
                    y = cut_noise(beds['three'], m, rng)
                elif c == 'crowd':
                    y = cut_noise(beds['crowd'], m, rng)
                elif c == 'noise':
                    y = colored_noise(m, rng, i % 3)
                else:
                    y = room_tone(m, rng)
                emit(y, d, c, c)
    json.dump(out, open(os.path.join(out_dir, 'queries.json'), 'w'), indent=1)
    print(f'{len(out)} negative queries in {out_dir}')


main()
