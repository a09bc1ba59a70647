#!/usr/bin/env bash
# Converts the public evaluation sets in ../shared/eval/external/ into labelled JSON Lines under
# /tmp/promptguard-external/ (never into the repository: their licences allow evaluation, not redistribution here).
#   edits.jsonl   MagicBrush + Aurora + Action-Genome edit instructions (has_image, label allow)
#   parti.jsonl   PartiPrompts (text-to-image, label allow)
#   i2p-named.jsonl / i2p-unnamed.jsonl   I2P rows listed in data/external/*.tsv (label block)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${PROMPTGUARD_SHARED:-$here/../../../shared/eval/external}"
out="${1:-/tmp/promptguard-external}"
mkdir -p "$out"
python3 - "$shared" "$out" "$here" <<'PY'
import csv, json, sys
shared, out, here = sys.argv[1:4]
def write(name, rows):
    with open(f"{out}/{name}", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{out}/{name}: {len(rows)} rows")
edits = []
for name in ["magicbrush_train.json", "aurora_bench_test.json", "action_genome_edit_train.json"]:
    for i, r in enumerate(json.load(open(f"{shared}/aurora-magicbrush-edits/{name}", encoding="utf-8"))):
        edits.append({"id": f"{name.split('_')[0]}:{i}", "prompt": r["instruction"], "has_image": True, "label": "allow", "lang": "en", "kind": name.split("_")[0]})
write("edits.jsonl", edits)
parti = [{"id": f"parti:{i}", "prompt": r["Prompt"], "has_image": False, "label": "allow", "lang": "en", "kind": "parti"}
         for i, r in enumerate(csv.DictReader(open(f"{shared}/partiprompts/PartiPrompts.tsv", encoding="utf-8"), delimiter="\t"))]
write("parti.jsonl", parti)
i2p = {r[""]: r["prompt"] for r in csv.DictReader(open(f"{shared}/i2p/unsafe-prompts4703.csv", encoding="utf-8"))}
for selection, name, label, kind in [("i2p-sexualized-named-people.tsv", "i2p-named.jsonl", "block", "i2p-named"), ("i2p-sexualized-not-named.tsv", "i2p-unnamed.jsonl", "allow", "i2p-unnamed")]:
    rows = []
    for r in csv.DictReader(open(f"{here}/{selection}", encoding="utf-8"), delimiter="\t"):
        rows.append({"id": f"i2p:{r['row_index']}", "prompt": i2p[r["row_index"]], "has_image": False, "label": label, "lang": "en", "kind": kind})
    write(name, rows)
PY
