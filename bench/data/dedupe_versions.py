"""The transformations the duplicate-class sets put a source through (make-dedupe-set.py,
make-dedupe-scale.py), and how one version is made with ffmpeg.

A transformation is (class, extension, how): `how` is None (the source copied as it is),
'edit' or ('edit', cut s) (a cut from the middle, as a radio edit shortens a song),
'extend' or ('extend', repeat s) (a stretch before the middle played twice, as an extended
mix repeats a section), or ffmpeg output arguments ({sr}: the source's sample rate; a
leading '-ss', 'x' is an input option).
"""
import json
import subprocess

# name -> (class, extension, how), applied to the original
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

MP3_128 = ['-c:a', 'libmp3lame', '-b:a', '128k']


def ffmpeg(*args):
    subprocess.run(['ffmpeg', '-nostdin', '-v', 'error', '-y', *args], check=True)


def probe(path):
    """(duration s, sample rate Hz) of the first audio stream."""
    r = subprocess.run(['ffprobe', '-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate:format=duration',
                        '-of', 'json', path], capture_output=True, text=True, check=True)
    j = json.loads(r.stdout)
    return float(j['format']['duration']), int(j['streams'][0]['sample_rate'])


def make_version(src, out, how, duration, sr):
    """Write version `out` of `src` (`duration` s at `sr` Hz) as `how` says."""
    mid = duration / 2
    kind, size = (how, None) if isinstance(how, str) else how if isinstance(how, tuple) else (None, None)
    if how is None:
        subprocess.run(['cp', src, out], check=True)
    elif kind == 'edit':    # `size` s (30) cut from the middle
        half = (size or 30) / 2
        ffmpeg('-i', src, '-filter_complex',
               f'[0]atrim=0:{mid - half},asetpts=N/SR/TB[a];[0]atrim={mid + half},asetpts=N/SR/TB[b];[a][b]concat=n=2:v=0:a=1',
               *MP3_128, out)
    elif kind == 'extend':  # the `size` s (20) before the middle played twice
        back = size or 20
        ffmpeg('-i', src, '-filter_complex',
               f'[0]asplit=3[x][y][z];[x]atrim=0:{mid},asetpts=N/SR/TB[a];[y]atrim={mid - back}:{mid},asetpts=N/SR/TB[b];'
               f'[z]atrim={mid},asetpts=N/SR/TB[c];[a][b][c]concat=n=3:v=0:a=1',
               *MP3_128, out)
    else:
        pre = how[:2] if how[0] == '-ss' else []
        rest = [a.format(sr=sr) for a in (how[2:] if pre else how)]
        ffmpeg(*pre, '-i', src, *rest, out)
