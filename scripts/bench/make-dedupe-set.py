#!/usr/bin/env python3
"""A duplicate-class test set from real tracks: each source track of the corpus through the
transformations an archive meets, named so the truth can be read back from the file name
(<source>__<transformation>.<ext>, one folder per source), plus the corpus' pairs that share
material (overlaps.json) as they ship.

    python3 scripts/bench/make-dedupe-set.py [../bench-data] [sources=24]

writes <data>/dedupe/<source>/*.{flac,mp3,ogg,opus,wav} and <data>/dedupe/truth.json:
{ "transformations": {name: class}, "shared": [[file, file], ...] }. Needs ffmpeg and sox.
AAC is left out: the CLI does not decode it yet (README).
"""
import json
import os
import random
import subprocess
import sys

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../bench-data')
SOURCES = int(sys.argv[2]) if len(sys.argv) > 2 else 24
OUT = os.path.join(DATA, 'dedupe')

# name -> (class, extension, ffmpeg output arguments or a filter), applied to the original
TRANSFORMS = {
    'original': ('identical', 'ogg', None),
    'flac': ('identical', 'flac', ['-c:a', 'flac']),
    'wav': ('identical', 'wav', ['-c:a', 'pcm_s16le']),
    'mp3_96k': ('same_recording', 'mp3', ['-c:a', 'libmp3lame', '-b:a', '96k']),
    'mp3_128k': ('same_recording', 'mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']),
    'mp3_320k': ('same_recording', 'mp3', ['-c:a', 'libmp3lame', '-b:a', '320k']),
    'vorbis_q1': ('same_recording', 'ogg', ['-c:a', 'libvorbis', '-q:a', '1']),
    'opus_24k': ('same_recording', 'opus', ['-c:a', 'libopus', '-b:a', '24k']),
    'opus_64k': ('same_recording', 'opus', ['-c:a', 'libopus', '-b:a', '64k']),
    'resample_22k': ('same_recording', 'flac', ['-ar', '22050', '-c:a', 'flac']),
    'mono': ('same_recording', 'flac', ['-ac', '1', '-c:a', 'flac']),
    'gain_m8db': ('same_recording', 'flac', ['-af', 'volume=-8dB', '-c:a', 'flac']),
    'loudnorm': ('same_recording', 'mp3', ['-af', 'loudnorm=I=-14', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '192k']),
    'fades': ('same_recording', 'flac', ['-af', 'afade=t=in:d=3,areverse,afade=t=in:d=5,areverse', '-c:a', 'flac']),
    'silence_padded': ('same_recording', 'flac', ['-af', 'adelay=2000:all=1,apad=pad_dur=3', '-c:a', 'flac']),
    'trimmed': ('same_recording', 'mp3', ['-ss', '3', '-af', 'areverse,atrim=start=2,areverse', '-c:a', 'libmp3lame', '-b:a', '160k']),
    'radio_edit': ('related_version', 'mp3', 'edit'),
    'extended': ('related_version', 'mp3', 'extend'),
    'excerpt_30s': ('related_version', 'mp3', ['-ss', '40', '-t', '30', '-c:a', 'libmp3lame', '-b:a', '128k']),
    'speed_p4': ('related_version', 'mp3', ['-af', 'asetrate={sr}*1.04,aresample={sr}', '-c:a', 'libmp3lame', '-b:a', '128k']),
    'pitch_p1st': ('related_version', 'mp3', ['-af', 'asetrate={sr}*1.0595,aresample={sr},atempo=1/1.0595', '-c:a', 'libmp3lame', '-b:a', '128k']),
    'remaster': ('related_version', 'flac', ['-af', 'bass=g=6,treble=g=5,acompressor=threshold=-20dB:ratio=4:makeup=6dB,alimiter', '-c:a', 'flac']),
}


def ffmpeg(*args):
    subprocess.run(['ffmpeg', '-nostdin', '-v', 'error', '-y', *args], check=True)


def probe(path):
    """(duration s, sample rate Hz) of the first audio stream."""
    r = subprocess.run(['ffprobe', '-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate:format=duration',
                        '-of', 'json', path], capture_output=True, text=True, check=True)
    j = json.loads(r.stdout)
    return float(j['format']['duration']), int(j['streams'][0]['sample_rate'])


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
        mid = d / 2
        for tf, (_, ext, how) in TRANSFORMS.items():
            out = os.path.join(folder, f'{name}__{tf}.{ext}')
            if os.path.exists(out):
                continue
            if how is None:
                subprocess.run(['cp', src, out], check=True)
            elif how == 'edit':    # 30 s cut from the middle, as a radio edit shortens a song
                ffmpeg('-i', src, '-filter_complex',
                       f'[0]atrim=0:{mid - 15},asetpts=N/SR/TB[a];[0]atrim={mid + 15},asetpts=N/SR/TB[b];[a][b]concat=n=2:v=0:a=1',
                       '-c:a', 'libmp3lame', '-b:a', '128k', out)
            elif how == 'extend':  # a 20 s stretch played twice, as an extended mix repeats a section
                ffmpeg('-i', src, '-filter_complex',
                       f'[0]asplit=3[x][y][z];[x]atrim=0:{mid},asetpts=N/SR/TB[a];[y]atrim={mid - 20}:{mid},asetpts=N/SR/TB[b];'
                       f'[z]atrim={mid},asetpts=N/SR/TB[c];[a][b][c]concat=n=3:v=0:a=1',
                       '-c:a', 'libmp3lame', '-b:a', '128k', out)
            else:
                pre = how[:2] if how[0] == '-ss' else []
                rest = [a.format(sr=sr) for a in (how[2:] if pre else how)]
                ffmpeg(*pre, '-i', src, *rest, out)
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
