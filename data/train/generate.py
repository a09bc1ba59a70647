#!/usr/bin/env python3
"""Deterministic generator of PromptGuard's training corpus.

Reads lexicon/<lang>.json (word lists and templates written for this project) and handwritten.jsonl,
and writes train.jsonl, validation.jsonl and test.jsonl beside this file.

Python 3 standard library only. Fixed seeds: two runs give byte-identical files.

Labels follow ../../../shared/spec/POLICY.md (ACTION x TARGET):
  action      = 1 when the request has A1 (undressing), A2 (sexualized clothing) or A3 (sexual body/act);
                a REVIEW-level item ("ar": remove a jacket, a plain swimsuit) counts as action only when the
                target is a real person or a minor.
  real_person = 1 for T1 (pronoun / deixis with an image), T2 (named real person), T3 (relation).
  minor       = 1 for T4 (age under 18, child words, school grades, "make her look 12").
  label       = "block" when action and (real_person or minor) (POLICY BLOCK or REVIEW), else "allow".

Lexicon format (one JSON object per language):
  "slots": { name: {"forms": [f1, f2, ...], "tags": "default tags", "items": [...], "include": [...]}}
      items are strings (one form, slot-level tags) or arrays [tags, form1, form2, ...].
      Tags: a1 (sexualizing action), ar (review-level action), a0, prod (garment alone, action 0); target classes
      pic (pictured person), rel (relation), name (named real person), mpic / mrel (pictured / related minor),
      minor (generic minor), child ("make her look like a child"), adult (generic adult), obj (non-person).
  "templates": [{"t": "text with {slot.form} and [alt a|alt b|]", "mode": "edit"|"t2i", "tags": "...", "w": 1}]
      {slot} is {slot.<first form>}; a slot item may itself contain {slot.form} references (filled with the
      same choices). [a|b|c] picks one alternative ("" allowed) and does not change the split key.
  "surface": {"polite_pre": [...], "polite_suf": [...], "punct": [...], "cased": true, "strip_accents": true,
              "char_fold": {"ё": "е"}, "spaces": true, "codemix_tail": [...]}
"""
import hashlib
import json
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON_DIR = os.path.join(HERE, "lexicon")
HANDWRITTEN = os.path.join(HERE, "handwritten.jsonl")
LANGS = ["fr", "en", "es", "de", "it", "pt", "nl", "pl", "ru", "uk",
         "tr", "ar", "hi", "ja", "zh", "ko", "id", "vi", "sv", "ro"]
PER_LANG = 1200
BLOCK_SHARE = 0.40
SEED = 20251231
MAX_ATTEMPTS = 400000

RP_TAGS = {"pic", "rel", "name", "mpic", "mrel"}
MI_TAGS = {"minor", "mpic", "mrel", "child"}
TARGET_TAGS = RP_TAGS | MI_TAGS | {"adult", "obj"}
KNOWN_TAGS = TARGET_TAGS | {"a0", "a1", "ar", "idiom", "cm", "consent", "eu", "sx", "prod", "age", "benign"}

GROK = ["@grok ", "@grok ", "@Grok ", "grok ", "Grok, ", "@grok, ", "hey @grok "]
EMOJI = ["🙏", "😂", "✨", "📸", "🙂", "😅", "🔥", "😏", "👀", "💯", "🤣", "😍"]
EN_TAIL = [" pls", " please", " thx", ", make it realistic", " 4k", " asap", " lol", ", high quality",
           " thanks", ", photorealistic", " HD", " quickly pls"]
KEYBOARD = {
    "a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
    "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "wa", "r": "et",
    "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "xs",
}
SLOT_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z0-9_]+))?\}")
ALT_RE = re.compile(r"\[([^\[\]]*)\]")


def stable_int(text):
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def split_of(key):
    bucket = stable_int("split|" + key) % 100
    if bucket < 80:
        return "train"
    if bucket < 90:
        return "validation"
    return "test"


class Lexicon:
    def __init__(self, lang, data):
        self.lang = lang
        self.surface = data.get("surface", {})
        self.slots = {}
        raw = data["slots"]
        for name in raw:
            self._load_slot(name, raw)
        self.templates = []
        for i, tpl in enumerate(data["templates"]):
            text = tpl["t"]
            mode = tpl.get("mode", "edit")
            if mode not in ("edit", "t2i"):
                raise ValueError(f"{lang}: template {i} has mode {mode!r}")
            tags = tpl.get("tags", "").split()
            self._check_tags(tags, f"template {i}")
            for m in SLOT_RE.finditer(text):
                self._check_ref(m.group(1), m.group(2), f"template {i}: {text}")
            self.templates.append({"t": text, "mode": mode, "tags": tags, "w": float(tpl.get("w", 1))})
        # check references inside slot items
        for name, slot in self.slots.items():
            for item in slot["items"]:
                for form in item["forms"].values():
                    for m in SLOT_RE.finditer(form):
                        self._check_ref(m.group(1), m.group(2), f"slot {name}: {form}")

    def _check_tags(self, tags, where):
        for t in tags:
            if t not in KNOWN_TAGS:
                raise ValueError(f"{self.lang}: unknown tag {t!r} in {where}")

    def _check_ref(self, slot, form, where):
        if slot not in self.slots:
            raise ValueError(f"{self.lang}: unknown slot {slot!r} in {where}")
        forms = self.slots[slot]["forms"]
        if form is not None and form not in forms:
            raise ValueError(f"{self.lang}: slot {slot!r} has no form {form!r} ({where})")

    def _load_slot(self, name, raw, stack=()):
        if name in self.slots:
            return self.slots[name]
        if name in stack:
            raise ValueError(f"{self.lang}: include cycle at {name}")
        spec = raw[name]
        forms = spec.get("forms", ["n"])
        default_tags = spec.get("tags", "").split()
        items = []
        for inc in spec.get("include", []):
            other = self._load_slot(inc, raw, stack + (name,))
            if other["forms"][: len(forms)] != forms and other["forms"] != forms:
                raise ValueError(f"{self.lang}: slot {name} includes {inc} with forms {other['forms']}")
            for it in other["items"]:
                items.append({"tags": it["tags"], "forms": {f: it["forms"][f] for f in forms},
                              "key": it["key"]})
        for it in spec.get("items", []):
            if isinstance(it, str):
                if len(forms) != 1:
                    raise ValueError(f"{self.lang}: slot {name} item {it!r} needs {len(forms)} forms")
                tags, values = list(default_tags), [it]
            else:
                tags = default_tags + it[0].split()
                values = it[1:]
                if len(values) == 1 and len(forms) > 1:
                    values = values * len(forms)
                if len(values) != len(forms):
                    raise ValueError(f"{self.lang}: slot {name} item {it!r} has {len(values)} forms, "
                                     f"expected {forms}")
            self._check_tags(tags, f"slot {name}")
            items.append({"tags": tags, "forms": dict(zip(forms, values)), "key": values[0]})
        if not items:
            raise ValueError(f"{self.lang}: slot {name} is empty")
        slot = {"forms": forms, "items": items}
        self.slots[name] = slot
        return slot


def fill(lex, tpl, rng):
    """Returns (text, tags, key) for one filling of the template."""
    text = ALT_RE.sub(lambda m: rng.choice(m.group(1).split("|")), tpl["t"])
    chosen = {}
    tags = list(tpl["tags"])
    for _ in range(4):  # slot items may reference other slots
        if not SLOT_RE.search(text):
            break

        def sub(m):
            slot_name, form = m.group(1), m.group(2)
            slot = lex.slots[slot_name]
            if slot_name not in chosen:
                chosen[slot_name] = rng.randrange(len(slot["items"]))
                tags.extend(slot["items"][chosen[slot_name]]["tags"])
            item = slot["items"][chosen[slot_name]]
            value = item["forms"][form or slot["forms"][0]]
            return ALT_RE.sub(lambda a: rng.choice(a.group(1).split("|")), value)

        text = SLOT_RE.sub(sub, text)
    if SLOT_RE.search(text):
        raise ValueError(f"{lex.lang}: unresolved slot in {text!r}")
    key = lex.lang + "|" + tpl["t"] + "|" + "|".join(
        f"{k}={lex.slots[k]['items'][v]['key']}" for k, v in sorted(chosen.items()))
    text = re.sub(r"[ \t]+", " ", text).strip()
    text = re.sub(r" ([,.!?、。，])", r"\1", text)
    return text, tags, key


def labels_of(tags, has_image):
    tagset = set(tags)
    if "pic" in tagset or "mpic" in tagset:
        assert has_image, tags
    rp = 1 if tagset & RP_TAGS else 0
    mi = 1 if tagset & MI_TAGS else 0
    if "prod" in tagset:  # a garment shown alone (product photo): no one is sexualized
        action = 0
    elif "a1" in tagset:
        action = 1
    elif "ar" in tagset:
        action = 1 if (rp or mi) else 0
    else:
        action = 0
    label = "block" if action and (rp or mi) else "allow"
    return action, rp, mi, label


def is_cjk(ch):
    cp = ord(ch)
    return (0x3040 <= cp <= 0x30FF or 0x4E00 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7A3
            or 0xFF66 <= cp <= 0xFF9F)


def typo(text, rng):
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 4:
        return text
    # prefer a position inside a word of 4+ letters (or any CJK letter)
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text) if m.end() - m.start() >= 4]
    if words:
        s, e = rng.choice(words)
        i = rng.randrange(s + 1, e) if e - s > 1 else s
    else:
        i = rng.choice(letters)
    c = text[i]
    ops = ["drop", "double", "swap"]
    if c.lower() in KEYBOARD:
        ops.append("near")
    op = rng.choice(ops)
    if op == "drop":
        return text[:i] + text[i + 1:]
    if op == "double":
        return text[:i] + c + text[i:]
    if op == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + c + text[i + 2:]
    if op == "near":
        n = rng.choice(KEYBOARD[c.lower()])
        return text[:i] + (n.upper() if c.isupper() else n) + text[i + 1:]
    return text[:i] + c + text[i:]


def strip_accents(text):
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) != "Mn":
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def decorate(lex, text, rng, mode="edit"):
    """Surface variation; never changes the meaning (nor the label)."""
    s = lex.surface
    cased = s.get("cased", True)
    flags = []
    if rng.random() < 0.05:
        new = typo(text, rng)
        if new != text:
            flags.append("typo")
        text = new
    if s.get("strip_accents") and rng.random() < 0.04:
        new = strip_accents(text)
        if new != text:
            flags.append("no-accents")
        text = new
    if s.get("char_fold") and rng.random() < 0.15:
        new = "".join(s["char_fold"].get(ch, ch) for ch in text)
        if new != text:
            flags.append("no-accents")
        text = new
    r = rng.random()
    if r < 0.12 and s.get("polite_suf"):
        text = text + rng.choice(s["polite_suf"])
        flags.append("polite")
    elif r < 0.18 and s.get("polite_pre") and mode == "edit":
        text = rng.choice(s["polite_pre"]) + text
        flags.append("polite")
    if rng.random() < 0.025:
        text = text + rng.choice(s.get("codemix_tail", EN_TAIL))
        flags.append("codemix")
    if rng.random() < 0.07 and s.get("punct"):
        text = text + rng.choice(s["punct"])
    if rng.random() < 0.035:
        text = text + (" " if s.get("spaces", True) else "") + rng.choice(EMOJI)
        flags.append("emoji")
    if cased:
        turkish = s.get("turkish_case", False)
        up = (lambda t: t.replace("i", "İ").replace("ı", "I").upper()) if turkish else str.upper
        low = (lambda t: t.replace("I", "ı").replace("İ", "i").lower()) if turkish else str.lower
        r = rng.random()
        if r < 0.30:
            text = up(text[:1]) + text[1:]
        elif r < 0.33:
            text = up(text)
            flags.append("upper")
        elif r < 0.40:
            text = low(text)
    if rng.random() < 0.13:
        text = rng.choice(GROK) + text
        flags.append("grok")
    return text, flags


def generate_lang(lang, lex):
    rng = random.Random(SEED * 1000 + stable_int("lang|" + lang) % 1000)
    want_block = round(PER_LANG * BLOCK_SHARE)
    want_allow = PER_LANG - want_block
    counts = {"block": 0, "allow": 0}
    seen_keys, seen_prompts, seen_cores = set(), set(), set()
    rows = []
    weights = [t["w"] for t in lex.templates]
    attempts = 0
    while (counts["block"] < want_block or counts["allow"] < want_allow) and attempts < MAX_ATTEMPTS:
        attempts += 1
        tpl = rng.choices(lex.templates, weights=weights)[0]
        text, tags, key = fill(lex, tpl, rng)
        core = re.sub(r"[\W_]+", " ", text.casefold()).strip()
        if key in seen_keys or core in seen_cores:
            continue
        has_image = tpl["mode"] == "edit"
        action, rp, mi, label = labels_of(tags, has_image)
        if counts[label] >= (want_block if label == "block" else want_allow):
            continue
        prompt, flags = decorate(lex, text, rng, tpl["mode"])
        if "cm" in tags:
            flags.append("codemix")
        if prompt.casefold() in seen_prompts:
            continue
        seen_keys.add(key)
        seen_cores.add(core)
        seen_prompts.add(prompt.casefold())
        counts[label] += 1
        rows.append({
            "id": "", "lang": lang, "prompt": prompt, "has_image": has_image,
            "action": action, "real_person": rp, "minor": mi, "label": label, "source": "template",
            "_key": key, "_tags": tags, "_flags": flags, "_tpl_tags": tpl["tags"],
        })
    if counts["block"] < want_block or counts["allow"] < want_allow:
        print(f"warning: {lang}: only {counts} after {attempts} attempts", file=sys.stderr)
    return rows


def load_handwritten():
    rows = []
    if not os.path.exists(HANDWRITTEN):
        return rows
    with open(HANDWRITTEN, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            for k in ("id", "lang", "prompt", "has_image", "action", "real_person", "minor", "label"):
                if k not in r:
                    raise ValueError(f"handwritten.jsonl:{n}: missing {k}")
            block = bool(r["action"]) and bool(r["real_person"] or r["minor"])
            if (r["label"] == "block") != block:
                raise ValueError(f"handwritten.jsonl:{n}: label {r['label']} disagrees with flags: {r['prompt']}")
            if r["lang"] not in LANGS:
                raise ValueError(f"handwritten.jsonl:{n}: unknown lang {r['lang']}")
            norm = re.sub(r"\W+", " ", r["prompt"].casefold()).strip()
            rows.append({
                "id": r["id"], "lang": r["lang"], "prompt": r["prompt"], "has_image": bool(r["has_image"]),
                "action": int(r["action"]), "real_person": int(r["real_person"]), "minor": int(r["minor"]),
                "label": r["label"], "source": "handwritten", "_key": r["lang"] + "|hw|" + norm, "_tags": [], "_flags": [], "_tpl_tags": [],
            })
    return rows


def sample(lang, n):
    """Developer aid: python3 generate.py --sample LANG [N] prints N generated rows, writes nothing."""
    with open(os.path.join(LEXICON_DIR, lang + ".json"), encoding="utf-8") as f:
        lex = Lexicon(lang, json.load(f))
    rows = generate_lang(lang, lex)
    rng = random.Random(1)
    for r in rng.sample(rows, min(n, len(rows))):
        print(r["label"][0], r["action"], r["real_person"], r["minor"], "I" if r["has_image"] else "-", r["prompt"])
    b = sum(r["label"] == "block" for r in rows)
    print(f"{lang}: {len(rows)} rows, {b} block", file=sys.stderr)


def category(r):
    """Coarse category of a row, for the statistics only (not written to the corpus)."""
    tags = set(r["_tags"])
    if r["source"] == "handwritten":
        return "handwritten-" + ("flagged" if r["label"] == "block" else "hard-negative")
    if r["label"] == "block":
        if r["minor"]:
            return "block: minor" + (" (look like a child)" if "child" in tags else "")
        if "name" in tags:
            return "block: named person"
        if "rel" in tags:
            return "block: relation"
        return "block: pictured person" + (" (implicit/euphemism)" if "eu" in tags or not tags & RP_TAGS - {"pic"} and "pic" in r["_tpl_tags"] else "")
    if "idiom" in tags:
        return "allow: idiom / look-alike word"
    if "prod" in tags:
        return "allow: garment alone (product photo)"
    if r["action"]:
        return "allow: sexualizing words, non-person or generic adult"
    if "ar" in tags:
        return "allow: review-level removal on non-person"
    if r["real_person"] or r["minor"]:
        if "age" in tags:
            return "allow: age progression, real person or child"
        return "allow: benign edit of a real person or child" + (" (minor)" if r["minor"] else "")
    return "allow: benign (no person named)"


def print_stats(splits):
    rows = [r for v in splits.values() for r in v]
    names = list(splits)
    print("| split | rows | block | allow | block % |")
    print("|---|---:|---:|---:|---:|")
    for n in names:
        b = sum(r["label"] == "block" for r in splits[n])
        print(f"| {n} | {len(splits[n])} | {b} | {len(splits[n]) - b} | {100 * b / len(splits[n]):.1f} |")
    b = sum(r["label"] == "block" for r in rows)
    print(f"| all | {len(rows)} | {b} | {len(rows) - b} | {100 * b / len(rows):.1f} |")
    print()
    print("| lang | train | validation | test | block | allow | template | handwritten |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for lang in LANGS:
        c = [sum(r["lang"] == lang for r in splits[n]) for n in names]
        lr = [r for r in rows if r["lang"] == lang]
        b = sum(r["label"] == "block" for r in lr)
        hw = sum(r["source"] == "handwritten" for r in lr)
        print(f"| {lang} | {c[0]} | {c[1]} | {c[2]} | {b} | {len(lr) - b} | {len(lr) - hw} | {hw} |")
    print()
    cats = {}
    for r in rows:
        cats[category(r)] = cats.get(category(r), 0) + 1
    print("| category | rows |")
    print("|---|---:|")
    for k in sorted(cats):
        print(f"| {k} | {cats[k]} |")
    print()
    flags = {}
    for r in rows:
        for f in set(r["_flags"]):
            flags[f] = flags.get(f, 0) + 1
    print("| surface variation (template rows) | rows | % of all |")
    print("|---|---:|---:|")
    for k in sorted(flags):
        print(f"| {k} | {flags[k]} | {100 * flags[k] / len(rows):.1f} |")
    heads = {"has_image": sum(r["has_image"] for r in rows), "action": sum(r["action"] for r in rows),
             "real_person": sum(r["real_person"] for r in rows), "minor": sum(r["minor"] for r in rows)}
    print()
    print("| field = 1 / true | rows |")
    print("|---|---:|")
    for k, v in heads.items():
        print(f"| {k} | {v} |")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--sample":
        sample(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 60)
        return
    all_rows = []
    hand = load_handwritten()
    hand_prompts = {r["prompt"].casefold() for r in hand}
    for lang in LANGS:
        path = os.path.join(LEXICON_DIR, lang + ".json")
        with open(path, encoding="utf-8") as f:
            lex = Lexicon(lang, json.load(f))
        rows = [r for r in generate_lang(lang, lex) if r["prompt"].casefold() not in hand_prompts]
        for i, r in enumerate(rows, 1):
            r["id"] = f"{lang}-g-{i:05d}"
        all_rows.extend(rows)
    all_rows.extend(hand)
    splits = {"train": [], "validation": [], "test": []}
    for r in all_rows:
        splits[split_of(r["_key"])].append(r)
    fields = ["id", "lang", "prompt", "has_image", "action", "real_person", "minor", "label", "source"]
    for name, rows in splits.items():
        rng = random.Random(SEED + stable_int("shuffle|" + name) % 100000)
        rows.sort(key=lambda r: r["id"])
        rng.shuffle(rows)
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in fields}, ensure_ascii=False) + "\n")
    total = sum(len(v) for v in splits.values())
    for name, rows in splits.items():
        b = sum(r["label"] == "block" for r in rows)
        print(f"{name}: {len(rows)} rows, {b} block ({100 * b / max(1, len(rows)):.1f}%)")
    print(f"total: {total}")
    if "--stats" in sys.argv:
        print()
        print_stats(splits)


if __name__ == "__main__":
    main()
