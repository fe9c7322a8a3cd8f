"""What a phone in a bar hears, built closer to life than the dev suite's degradations:
rooms from an image-source model with frequency-dependent decay (the shape of a measured
impulse response: direct sound, sparse early reflections, a dense tail that dies faster in
the treble, a direct-to-reverberant ratio set by the distance), a small loudspeaker, a phone
microphone with its automatic gain, and conversations of several talkers, each in the room
with a voice of its own (Festival's recorded-voice synthesis where installed, espeak-ng
otherwise) and turn-taking pauses. Used by make-bar-queries.py and make-negative-queries.py.
"""
import os
import random
import shutil
import subprocess

import numpy as np
from degrade import DATA, SR, codec, decode, rms, sox

# Festival voices (Debian packages festvox-*): recorded speech, resynthesised. Each entry:
# (voice, text kind). The dev suite's and the field set's beds are espeak-ng English,
# German, French and Spanish; these are other languages and other engines.
FESTIVAL_VOICES = [
    ('cmu_us_slt_arctic_hts', 'en'), ('upc_ca_ona_hts', 'syl'), ('lp_diphone', 'syl'),
    ('suo_fi_lj_diphone', 'syl'), ('ked_diphone', 'en'), ('czech_dita', 'syl'),
]
ESPEAK_VOICES = ['it+f2', 'pl+m3', 'pt+f4', 'ru+m2', 'hi+f1', 'nl+m6', 'sv+f3', 'tr+m7', 'cs+f5']
FESTIVAL_INSTALL = ('festival festvox-us-slt-hts festvox-ca-ona-hts festvox-italp16k '
                    'festvox-suopuhe-lj festvox-kdlpc16k festvox-czech-dita')

SENTENCES = [
    'Did you see the game last night, it went on for ages.',
    'I told her we would be here by eight but the train was late again.',
    'Two more of those please, and whatever he is having.',
    'No, the other place, the one on the corner with the blue door.',
    'Honestly I think they should have sold the house years ago.',
    'We could go on Saturday if the weather holds, what do you think?',
    'He said the meeting was moved to Thursday, nobody told me.',
    'That is exactly what I said to my brother when he called.',
    'Are you still working at the hospital or did you leave?',
    'It was cheaper last year, everything is cheaper last year.',
    'Oh really, I had no idea, when did that happen?',
    'Can you pass me that, no, the small one, thanks.',
]
SYLLABLES = ('pa', 'ter', 'ko', 'vi', 'sta', 'ne', 'lu', 'gra', 'mi', 'dor', 'che', 'ba', 'ri',
             'tov', 'sel', 'ka', 'no', 've', 'lia', 'dro', 'mu', 'zen', 'fo', 'ta')


def _phrase(kind, rng):
    if kind == 'en':
        return rng.choice(SENTENCES)
    words = [''.join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(4, 12))]
    return ' '.join(words).capitalize() + rng.choice(['.', '?', ', ', '!'])


def _festival(voice, text, path):
    # festival reads a script file more reliably than expressions on its command line
    scm = path + '.scm'
    with open(scm, 'w') as f:
        f.write(f'(voice_{voice})(utt.save.wave (utt.synth (Utterance Text "{text}")) "{path}" (quote riff))')
    try:
        subprocess.run(['festival', '--batch', scm], check=True, capture_output=True, timeout=120)
    finally:
        os.remove(scm)


def festival_voices():
    """The Festival voices installed here (none when Festival is missing)."""
    if not shutil.which('festival'):
        return []
    found = []
    for voice, kind in FESTIVAL_VOICES:
        tmp = os.path.join(DATA, f'tmp-voice-{voice}.wav')
        try:
            _festival(voice, 'Hello.', tmp)
            if os.path.getsize(tmp) > 1000:
                found.append((voice, kind))
        except (subprocess.SubprocessError, OSError):
            pass
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    return found


def talker(voice, seconds, rng, tmp):
    """One person talking for `seconds`: phrases with the pauses of a conversation."""
    n = int(seconds * SR)
    out = np.zeros(n, np.float32)
    pos = int(rng.uniform(0, 1.5) * SR)
    engine, name, kind = voice
    while pos < n:
        text = _phrase(kind, rng)
        if engine == 'festival':
            _festival(name, text, tmp)
        else:
            subprocess.run(['espeak-ng', '-v', name, '-s', str(rng.randint(150, 190)), '-w', tmp, text],
                           check=True, capture_output=True)
        y = decode(tmp)
        y = y / rms(y) * 10 ** (rng.uniform(-3, 3) / 20)      # a phrase said louder or softer
        end = min(n, pos + len(y))
        out[pos:end] += y[: end - pos]
        pos = end + int(rng.uniform(0.15, 1.8) * SR)          # someone else's turn, a breath
    return out


def conversation(voices, talkers_n, seconds, seed, rt60=(0.4, 1.0)):
    """`talkers_n` people around a table, each placed in one shared room at their own distance.
    Kept in <data>/beds/ (some minutes of synthesis each)."""
    cache = os.path.join(DATA, 'beds', f'conv-{len(voices)}v-{talkers_n}-{seconds}-{seed}-{rt60[0]}-{rt60[1]}.npy')
    if os.path.exists(cache):
        return np.load(cache)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    tmp = os.path.join(DATA, f'tmp-talk-{seed}.wav')
    room = nrng.uniform(*rt60)
    bed = np.zeros(int(seconds * SR), np.float64)
    for i in range(talkers_n):
        v = voices[(seed * 7 + i) % len(voices)]
        y = talker(v, seconds, rng, tmp)
        y = convolve(y, room_ir(nrng, room, distance=nrng.uniform(0.8, 3.5)))
        bed += y / (rms(y) + 1e-12) * 10 ** (rng.uniform(-5, 0) / 20)
    if os.path.exists(tmp):
        os.remove(tmp)
    bed = (bed / rms(bed)).astype(np.float32)
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    np.save(cache, bed)
    return bed


def speech_voices():
    """Every voice available here: Festival's first (recorded-like), then espeak-ng's."""
    return [('festival', v, k) for v, k in festival_voices()] + [('espeak', v, 'syl') for v in ESPEAK_VOICES]


# ------------------------------------------------------------------ rooms
def room_ir(rng, rt60, distance=None):
    """An impulse response with the structure of a measured one, for a shoebox room whose
    absorption gives `rt60` (Sabine): image sources up to 80 ms, then a diffuse tail in four
    bands whose reverberation time falls from 1.3x rt60 in the bass to 0.5x above 4 kHz,
    scaled so the direct-to-reverberant ratio is the diffuse-field one at `distance`."""
    dims = np.array([rng.uniform(4, 14), rng.uniform(3, 10), rng.uniform(2.5, 4.5)])
    vol, surface = np.prod(dims), 2 * (dims[0] * dims[1] + dims[0] * dims[2] + dims[1] * dims[2])
    alpha = min(0.95, 0.161 * vol / (surface * rt60))
    beta = np.sqrt(1 - alpha)
    crit = 0.057 * np.sqrt(vol / rt60)                       # critical distance (m)
    if distance is None:
        distance = rng.uniform(1.0, 4.0)
    src = rng.uniform(0.5, 1, 3) * (dims - 1) + 0.5
    direction = rng.standard_normal(3)
    mic = np.clip(src + direction / np.linalg.norm(direction) * distance, 0.3, dims - 0.3)
    distance = float(np.linalg.norm(mic - src))
    n = int(rt60 * 1.3 * SR)
    ir = np.zeros(n)
    early_end = int(0.08 * SR)
    order = 6
    r = np.arange(-order, order + 1)
    for px in (0, 1):
        for py in (0, 1):
            for pz in (0, 1):
                p = np.array([px, py, pz])
                gx, gy, gz = np.meshgrid(r, r, r, indexing='ij')
                img = np.stack([gx, gy, gz], -1).reshape(-1, 3)
                pos = (1 - 2 * p) * src + 2 * img * dims
                d = np.linalg.norm(pos - mic, axis=1)
                refl = np.abs(img - p).sum(1) + np.abs(img).sum(1)
                k = (d / 343 * SR).astype(int)
                keep = k < early_end
                np.add.at(ir, k[keep], beta ** refl[keep] / np.maximum(d[keep], 0.1))
    direct_k = int(distance / 343 * SR)
    ir[:direct_k] = 0
    # the diffuse tail: decays faster in the treble (air, soft furnishings)
    t = np.arange(n) / SR
    tail = np.zeros(n)
    for lo, hi, scale in ((60, 500, 1.3), (500, 2000, 1.0), (2000, 4000, 0.75), (4000, 10000, 0.5)):
        band = sox(rng.standard_normal(n).astype(np.float32) * 0.1, 'sinc', f'{lo}-{hi}')[:n]
        tail[: len(band)] += band / (rms(band) + 1e-12) * np.exp(-6.9 * t[: len(band)] / (rt60 * scale))
    onset = direct_k + int(0.005 * SR)
    tail[:onset] = 0
    ramp = np.clip((np.arange(n) - onset) / (0.03 * SR), 0, 1)   # the tail builds up over ~30 ms
    tail *= ramp
    direct = 1 / max(distance, 0.1)
    rev_energy = direct ** 2 * (distance / crit) ** 2             # diffuse-field DRR
    tail *= np.sqrt(rev_energy / (np.sum(tail ** 2) + 1e-20))
    ir += tail
    ir = ir[direct_k:]
    return ir / np.sqrt(np.sum(ir ** 2))


def convolve(x, ir):
    n = len(x) + len(ir) - 1
    m = 1 << (n - 1).bit_length()
    return np.fft.irfft(np.fft.rfft(x, m) * np.fft.rfft(ir, m), m)[: len(x)].astype(np.float32)


# ------------------------------------------------------------------ devices
def small_speaker(x, rng):
    """A phone or a cheap Bluetooth speaker playing the music: 200 Hz-8 kHz, two cabinet and
    cone resonances, and the soft clipping of a driver pushed hard."""
    f1, f2 = rng.uniform(250, 900), rng.uniform(1800, 4500)
    y = sox(x, 'highpass', '-2', '200', 'highpass', '-2', '200', 'lowpass', '-2', '8000',
            'equalizer', f'{f1:.0f}', '1.2q', f'{rng.uniform(4, 9):.1f}',
            'equalizer', f'{f2:.0f}', '2q', f'{rng.uniform(3, 7):.1f}')[: len(x)]
    drive = rng.uniform(1.5, 4)
    y = y / (np.max(np.abs(y)) + 1e-12)
    return (np.tanh(drive * y) / np.tanh(drive)).astype(np.float32)


def phone_mic(x, rng):
    """A phone's microphone and recording path: its own high-pass, an automatic gain that
    pumps with the loud parts, and a speech-grade codec (Opus at 24 kb/s, as WebRTC sends)."""
    y = sox(x, 'highpass', '120', 'compand', '0.01,0.25', '-70,-70,-40,-20,0,-8', '0', '-70', '0.01')[: len(x)]
    return codec(y, ['-c:a', 'libopus', '-b:a', '24k', '-application', 'voip', '-f', 'ogg'])[: len(x)]
