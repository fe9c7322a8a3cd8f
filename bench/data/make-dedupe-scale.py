#!/usr/bin/env python3
"""A duplicate-class set at scale (~10,000 files) from real music: every distinct track of
the corpus (less the ones that share material, overlaps.json) and of the Debian music
packages installed here, cut to an excerpt, each through a sample of a wider family of the
transformations make-dedupe-set.py uses (dedupe_versions.py), named as that set is
(<source>/<source>__<transformation>.<ext>) so dedupe-confusion.mjs scores it.

    python3 bench/data/make-dedupe-scale.py [../bench-data] [files=10000] [versions=all]

writes <data>/dedupe-scale/<source>/* and truth.json: {"transformations": {name: class},
"shared": [], "sources": [{"name", "from", "seconds", "files"}, ...]}, sources in a fixed
shuffled order: the first k sources make the nested subsets (`subset` below). The
original of each source is its middle EXCERPT_S seconds (the whole track up to
EXCERPT_S + 15 s) encoded as Ogg Vorbis q5; the versions are made from that file. Two
ffmpeg processes at a time. `versions` stops after that many new files (to time a run).

    python3 bench/data/make-dedupe-scale.py ../bench-data subset 1000   # the folders of the first sources holding ~1000 files
    python3 bench/data/make-dedupe-scale.py ../bench-data 10000 0       # truth.json for what a stopped run made
"""
import glob
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dedupe_versions import TRANSFORMS, make_version, probe  # noqa: E402

DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../bench-data')
OUT = os.path.join(DATA, 'dedupe-scale')
EXCERPT_S = 60
MIN_S = 50
JOBS = 2

# the music of Debian packages (not their sound effects), as (label, glob)
PACKAGE_MUSIC = [
    ('wesnoth', '/usr/share/games/wesnoth/*/data/core/music/*.ogg'),
    ('warzone2100', '/usr/share/games/warzone2100/music/albums/*/*.opus'),
    ('hyperrogue', '/usr/share/hyperrogue/music/*.ogg'),
    ('fillets', '/usr/share/games/fillets-ng/music/*.ogg'),
    ('pushover', '/usr/share/pushover/themes/*.ogg'),
    ('planetblupi', '/usr/share/planetblupi/music/*.ogg'),
    ('drascula', '/usr/share/scummvm/drascula/audio/*.ogg'),
    ('asc', '/usr/share/games/asc/music/*.mp3'),
    ('lincity', '/usr/share/games/lincity-ng/music/default/*.ogg'),
]

MP3 = ['-c:a', 'libmp3lame']


def mp3(rate, *filters):
    return [*(['-af', ','.join(filters)] if filters else []), *MP3, '-b:a', rate]


def flac(*filters):
    return [*(['-af', ','.join(filters)] if filters else []), '-c:a', 'flac']


SEMITONE = 2 ** (1 / 12)
# the base transformations (excerpt_30s aside: its 40 s start is for whole tracks), then
# more of each kind, the parameters spread over what an archive meets
SCALE_TRANSFORMS = {k: v for k, v in TRANSFORMS.items() if k != 'excerpt_30s'}
SCALE_TRANSFORMS.update({
    'flac_c0': ('identical', 'flac', ['-c:a', 'flac', '-compression_level', '0']),
    'flac_c12': ('identical', 'flac', ['-c:a', 'flac', '-compression_level', '12']),
    **{f'mp3_{r}k': ('same_recording', 'mp3', [*MP3, '-b:a', f'{r}k']) for r in (112, 160, 192, 224, 256)},
    **{f'mp3_v{q}': ('same_recording', 'mp3', [*MP3, '-q:a', str(q)]) for q in (0, 2, 4, 6)},
    **{f'vorbis_q{q}': ('same_recording', 'ogg', ['-c:a', 'libvorbis', '-q:a', str(q)]) for q in (0, 3, 6, 8)},
    **{f'opus_{r}k': ('same_recording', 'opus', ['-c:a', 'libopus', '-b:a', f'{r}k']) for r in (32, 48, 96, 128)},
    'resample_32k': ('same_recording', 'flac', ['-ar', '32000', '-c:a', 'flac']),
    'resample_48k': ('same_recording', 'flac', ['-ar', '48000', '-c:a', 'flac']),
    'mono_mp3_128k': ('same_recording', 'mp3', ['-ac', '1', *MP3, '-b:a', '128k']),
    **{f'gain_m{g}db': ('same_recording', 'flac', flac(f'volume=-{g}dB')) for g in (3, 6, 12)},
    'gain_m6db_mp3_128k': ('same_recording', 'mp3', mp3('128k', 'volume=-6dB')),
    **{f'loudnorm_{-i}': ('same_recording', 'mp3', ['-af', f'loudnorm=I={i}', '-ar', '44100', *MP3, '-b:a', '192k']) for i in (-18, -23)},
    'fades_short': ('same_recording', 'flac', flac('afade=t=in:d=1,areverse,afade=t=in:d=2,areverse')),
    'fades_long': ('same_recording', 'mp3', mp3('192k', 'afade=t=in:d=6,areverse,afade=t=in:d=8,areverse')),
    'silence_padded_short': ('same_recording', 'flac', flac('adelay=500:all=1,apad=pad_dur=1')),
    'silence_padded_long': ('same_recording', 'mp3', mp3('160k', 'adelay=5000:all=1,apad=pad_dur=5')),
    'trimmed_1s': ('same_recording', 'flac', ['-ss', '1', '-af', 'areverse,atrim=start=1,areverse', '-c:a', 'flac']),
    'trimmed_5s': ('same_recording', 'mp3', ['-ss', '5', '-af', 'areverse,atrim=start=4,areverse', *MP3, '-b:a', '128k']),
    'resample_22k_mp3_128k': ('same_recording', 'mp3', ['-ar', '22050', *MP3, '-b:a', '128k']),
    'radio_edit_15s': ('related_version', 'mp3', ('edit', 15)),
    'radio_edit_20s': ('related_version', 'mp3', ('edit', 20)),
    'extended_10s': ('related_version', 'mp3', ('extend', 10)),
    'extended_15s': ('related_version', 'mp3', ('extend', 15)),
    'excerpt_20s_at10': ('related_version', 'mp3', ['-ss', '10', '-t', '20', *MP3, '-b:a', '128k']),
    'excerpt_30s_at15': ('related_version', 'mp3', ['-ss', '15', '-t', '30', *MP3, '-b:a', '128k']),
    'excerpt_30s_at25': ('related_version', 'ogg', ['-ss', '25', '-t', '30', '-c:a', 'libvorbis', '-q:a', '3']),
    'excerpt_40s_at5': ('related_version', 'flac', ['-ss', '5', '-t', '40', '-c:a', 'flac']),
    **{f'speed_{n}': ('related_version', 'mp3', mp3('128k', f'asetrate={{sr}}*{s},aresample={{sr}}')) for n, s in
       (('p2', 1.02), ('p6', 1.06), ('m2', 0.98), ('m4', 0.96))},
    **{f'pitch_{n}': ('related_version', 'mp3', mp3('128k', f'asetrate={{sr}}*{s:.5f},aresample={{sr}},atempo=1/{s:.5f}')) for n, s in
       (('m1st', 1 / SEMITONE), ('p05st', SEMITONE ** 0.5), ('m05st', SEMITONE ** -0.5))},
})


def sha1(path):
    return hashlib.sha1(open(path, 'rb').read()).hexdigest()


def candidates():
    """(name, path) of every distinct track: the corpus' first, then the packages' not in it."""
    manifest = json.load(open(os.path.join(DATA, 'corpus/manifest.json')))
    overlaps = json.load(open(os.path.join(DATA, 'corpus/overlaps.json')))
    involved = {o['a'] for o in overlaps} | {o['b'] for o in overlaps}
    seen_names = {t['id'].replace('/', '_') for t in manifest}
    seen_sums = set()
    out = []
    for t in manifest:
        path = os.path.join(DATA, t['path'])
        seen_sums.add(sha1(path))
        if t['id'] not in involved:
            out.append((t['id'].replace('/', '_'), path))
    for label, pattern in PACKAGE_MUSIC:
        for path in sorted(glob.glob(pattern)):
            name = f'{label}_{os.path.splitext(os.path.basename(path))[0]}'
            s = sha1(path)
            if name in seen_names or s in seen_sums:
                continue
            seen_names.add(name)
            seen_sums.add(s)
            out.append((name, path))
    return out


def plan(target):
    """The sources in their fixed order, each with its transformations."""
    listing = os.path.join(OUT, 'sources.json')
    if os.path.exists(listing):  # probing ~200 files takes a while: once
        found = json.load(open(listing))
    else:
        found = []
        for name, path in candidates():
            try:
                d, sr = probe(path)
            except subprocess.CalledProcessError:
                continue  # packaged files ffmpeg cannot read
            if d >= MIN_S:
                found.append({'name': name, 'from': path, 'track_s': round(d, 3), 'sr': sr})
        random.Random(20261202).shuffle(found)
        os.makedirs(OUT, exist_ok=True)
        json.dump(found, open(listing, 'w'), indent=1)
    per = -(-target // len(found))  # versions per source, the original among them
    others = [k for k in SCALE_TRANSFORMS if k != 'original']
    for s in found:
        rng = random.Random(s['name'])
        s['transformations'] = ['original', *sorted(rng.sample(others, min(per - 1, len(others))), key=others.index)]
    return found


def original(s):
    """The source's excerpt, encoded once: the file every version is made from."""
    folder = os.path.join(OUT, s['name'])
    os.makedirs(folder, exist_ok=True)
    out = os.path.join(folder, f'{s["name"]}__original.ogg')
    start = 0 if s['track_s'] <= EXCERPT_S + 15 else s['track_s'] / 2 - EXCERPT_S / 2
    length = s['track_s'] if start == 0 else EXCERPT_S
    if not os.path.exists(out):
        tmp = out + '.part.ogg'
        subprocess.run(['ffmpeg', '-nostdin', '-v', 'error', '-y', '-ss', f'{start:.3f}', '-t', f'{length:.3f}', '-i', s['from'],
                        '-map', 'a:0', '-c:a', 'libvorbis', '-q:a', '5', tmp], check=True)
        os.rename(tmp, out)
    return out


def length(how, d):
    """A version's length in seconds, from its original's `d` (an ffprobe per file costs as much as making it)."""
    if how is None:
        return d
    if isinstance(how, (str, tuple)):
        kind, size = (how, None) if isinstance(how, str) else how
        return d - (size or 30) if kind == 'edit' else d + (size or 20)
    args = ' '.join(how)
    n = lambda pat: float(re.search(pat, args).group(1)) if re.search(pat, args) else 0.0  # noqa: E731
    if '-t' in how:
        return min(n(r'-t (\S+)'), d - n(r'-ss (\S+)'))
    d = d - n(r'-ss (\S+)') - n(r'atrim=start=([\d.]+)') + n(r'adelay=(\d+)') / 1000 + n(r'pad_dur=([\d.]+)')
    return d / n(r'\*([\d.]+),aresample') if 'atempo' not in args and 'asetrate' in args else d


def version(s, tf):
    """Make one version (the original's length and rate in s['original']); its length in seconds."""
    src = os.path.join(OUT, s['name'], f'{s["name"]}__original.ogg')
    _, ext, how = SCALE_TRANSFORMS[tf]
    out = os.path.join(OUT, s['name'], f'{s["name"]}__{tf}.{ext}')
    if not os.path.exists(out):
        tmp = f'{out}.part.{ext}'  # a stopped run leaves no half-written version
        try:
            make_version(src, tmp, how, *s['original'])
        except subprocess.CalledProcessError as e:
            print(f'failed: {out}: {e}', file=sys.stderr)
            return None
        os.rename(tmp, out)
    return round(length(how, s['original'][0]), 3)


def main():
    if len(sys.argv) > 3 and sys.argv[2] == 'subset':
        want = int(sys.argv[3])
        total = 0
        for s in json.load(open(os.path.join(OUT, 'truth.json')))['sources']:
            if total >= want or not s['complete']:
                break
            print(os.path.join(OUT, s['name']))
            total += s['files']
        print(f'{total} files', file=sys.stderr)
        return
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    sources = plan(target)
    started = time.time()
    lengths_file = os.path.join(OUT, 'lengths.json')
    lengths = json.load(open(lengths_file)) if os.path.exists(lengths_file) else {}
    with ThreadPoolExecutor(JOBS) as pool:
        for s, path in zip(sources, pool.map(original, sources)):
            if not isinstance(lengths.get(os.path.basename(path)), list):
                lengths[os.path.basename(path)] = probe(path)
            s['original'] = lengths[os.path.basename(path)]
        json.dump(lengths, open(lengths_file, 'w'))
        todo = [(s, tf) for s in sources for tf in s['transformations'][1:]
                if f'{s["name"]}__{tf}.{SCALE_TRANSFORMS[tf][1]}' not in lengths]
        if limit is not None:
            todo = todo[:limit]
        made = time.time()
        for n, ((s, tf), d) in enumerate(zip(todo, pool.map(lambda job: version(*job), todo))):
            if d is not None:
                lengths[f'{s["name"]}__{tf}.{SCALE_TRANSFORMS[tf][1]}'] = d
            if (n + 1) % 200 == 0 or n + 1 == len(todo):
                el = time.time() - made
                print(f'{n + 1}/{len(todo)} versions, {el:.0f} s, {el / (n + 1):.3f} s each', file=sys.stderr)
    json.dump(lengths, open(lengths_file, 'w'))
    truth_sources = []
    seconds = 0.0
    for s in sources:
        files = [f for f in os.listdir(os.path.join(OUT, s['name'])) if '.part.' not in f]
        # a stopped run kept no lengths: those from the transformation
        secs = sum(lengths[f][0] if isinstance(lengths.get(f), list) else lengths[f] if f in lengths
                   else length(SCALE_TRANSFORMS[f.rsplit('__', 1)[1].split('.')[0]][2], s['original'][0]) for f in files)
        seconds += secs
        truth_sources.append({'name': s['name'], 'from': s['from'], 'track_s': s['track_s'], 'files': len(files), 'seconds': round(secs, 1),
                              'complete': all(any(f.startswith(f'{s["name"]}__{tf}.') for f in files) for tf in s['transformations'])})
    truth = {'transformations': {k: v[0] for k, v in SCALE_TRANSFORMS.items()}, 'shared': [], 'sources': truth_sources,
             'excerpt_s': EXCERPT_S}
    json.dump(truth, open(os.path.join(OUT, 'truth.json'), 'w'), indent=1)
    n = sum(s['files'] for s in truth_sources)
    print(f'{len(sources)} sources, {n} files, {seconds / 3600:.1f} h of audio in {OUT} ({time.time() - started:.0f} s)', file=sys.stderr)


main()
