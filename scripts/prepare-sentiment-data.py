#!/usr/bin/env python3
"""Builds the data the local sentiment model is trained and evaluated on (models/sentiment/README.md).

Reads the public labelled sets from git clones of the repositories below, at the pinned commits,
and writes normalised JSONL: <out>/<set>/<split>.jsonl, one {"text", "label"} per line
(SemEval-2014 rows also carry their aspect categories and terms). Only these sets are used.

    python3 scripts/prepare-sentiment-data.py --repos ../sentiment-repos --out ../sentiment-data

--repos holds one clone per repository, named owner+name (e.g. cardiffnlp+tweeteval); the README
lists the git clone commands. Needs Python 3.9+, and pyarrow only when a clone of cardiffnlp/tweeteval
lacks datasets/sentiment/train_text.txt (then a Hugging Face parquet export of the same split is read,
and its labels are checked line by line against cardiffnlp's train_labels.txt). Nothing in the
product or its tests needs Python.
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import xml.etree.ElementTree as ET

PARSER = argparse.ArgumentParser(description=__doc__.splitlines()[0])
PARSER.add_argument("--repos", default="../sentiment-repos")
PARSER.add_argument("--out", default="../sentiment-data")
ARGS = PARSER.parse_args()
OUT = ARGS.out

# Repository clone folder -> (owner/name, pinned commit)
PINNED = {
    "tweeteval": ("cardiffnlp/tweeteval", "4fbd22cd78421f05b1ecdb4fc5725bc7a7bd8f66"),
    "tweeteval_parquet": ("anananan116/MATH189_final_project", "71d0a6ba92bf42cb0f7802b3206a85efb9f2ed63"),
    "sst2": ("eyalbd2/Reproducing-AutoPrompt", "6288fb5bec9c572f2492875ae0111df5b6daed11"),
    "absa": ("gaozhengjie/ABSA-Data-Set", "95857fbb69c5432d4df75d70affefc2519c38f2a"),
    "imdb": ("iamsorenl/Feature-Engineering-and-Sentiment-Analysis", "55144e2ea1de74c60ce9190a47b605b4b071e0ee"),
}
REPOS = {key: os.path.join(ARGS.repos, name.replace("/", "+")) for key, (name, _) in PINNED.items()}
COMMIT = {key: commit for key, (_, commit) in PINNED.items()}
REV = {}

STATS = {}


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout
    return out if binary else out.decode("utf-8")


def show(repo, path, binary=False):
    return git(repo, "show", f"{REV[repo]}:{path}", binary=binary)


def exists(repo, path):
    return subprocess.run(["git", "-C", repo, "cat-file", "-e", f"{REV[repo]}:{path}"], capture_output=True).returncode == 0

def write_jsonl(set_name, split, rows):
    d = os.path.join(OUT, set_name)
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, f"{split}.jsonl")
    with open(p, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = collections.Counter(r.get("label", "(no label)") for r in rows)
    STATS.setdefault(set_name, {})[split] = {"rows": len(rows), "by_label": dict(sorted(counts.items()))}
    print(f"{p}: {len(rows)} {dict(sorted(counts.items()))}")


def lines(text):
    ls = text.split("\n")
    if ls and ls[-1] == "":
        ls = ls[:-1]
    return ls


# ---------------------------------------------------------------- TweetEval
def tweeteval():
    r = REPOS["tweeteval"]
    names = {0: "negative", 1: "neutral", 2: "positive"}
    mapping = show(r, "datasets/sentiment/mapping.txt")
    assert [l.split("\t") for l in lines(mapping)] == [["0", "negative"], ["1", "neutral"], ["2", "positive"]], mapping
    for split, stem in (("validation", "val"), ("test", "test")):
        texts = lines(show(r, f"datasets/sentiment/{stem}_text.txt"))
        labels = [int(x) for x in lines(show(r, f"datasets/sentiment/{stem}_labels.txt")) if x.strip() != ""]
        assert len(texts) == len(labels), (stem, len(texts), len(labels))
        write_jsonl("tweeteval", split, [{"text": t.strip(), "label": names[l]} for t, l in zip(texts, labels)])
    train_labels = [int(x) for x in lines(show(r, "datasets/sentiment/train_labels.txt")) if x.strip() != ""]
    if exists(r, "datasets/sentiment/train_text.txt"):
        texts = lines(show(r, "datasets/sentiment/train_text.txt"))
        assert len(texts) == len(train_labels), (len(texts), len(train_labels))
        write_jsonl("tweeteval", "train", [{"text": t.strip(), "label": names[l]} for t, l in zip(texts, train_labels)])
        return
    # train: parquet export (HF tweet_eval/sentiment) kept in anananan116/MATH189_final_project
    import io
    import pyarrow.parquet as pq
    t = pq.read_table(io.BytesIO(show(REPOS["tweeteval_parquet"], "data/train.parquet", binary=True))).to_pydict()
    orig_labels = [int(x) for x in lines(show(r, "datasets/sentiment/train_labels.txt")) if x.strip() != ""]
    assert orig_labels == t["label"], "train labels differ from cardiffnlp train_labels.txt"
    # same check for the other two splits of that parquet export against cardiffnlp's text files
    for split, stem in (("validation", "val"), ("test", "test")):
        p = pq.read_table(io.BytesIO(show(REPOS["tweeteval_parquet"], f"data/{split}.parquet", binary=True))).to_pydict()
        assert p["text"] == [x.strip() for x in lines(show(r, f"datasets/sentiment/{stem}_text.txt"))], split
    write_jsonl("tweeteval", "train", [{"text": x.strip(), "label": names[l]} for x, l in zip(t["text"], t["label"])])


# ---------------------------------------------------------------- SST-2 (GLUE)
def sst2():
    r = REPOS["sst2"]
    names = {"0": "negative", "1": "positive"}
    for split, path in (("train", "glue_data/SST-2/train_full.tsv"), ("validation", "glue_data/SST-2/dev.tsv")):
        ls = lines(show(r, path))
        assert ls[0] == "sentence\tlabel", ls[0]
        rows = []
        for l in ls[1:]:
            s, lab = l.rsplit("\t", 1)
            rows.append({"text": s.strip(), "label": names[lab.strip()]})
        write_jsonl("sst2", split, rows)


# ---------------------------------------------------------------- SemEval-2014 Task 4
def absa_rows(xml_bytes):
    root = ET.fromstring(xml_bytes)
    rows = []
    for s in root.iter("sentence"):
        text = s.find("text").text or ""
        cats = [{"category": c.get("category"), "polarity": c.get("polarity")} for c in s.iter("aspectCategory")]
        terms = [{"term": a.get("term"), "polarity": a.get("polarity")} for a in s.iter("aspectTerm")]
        row = {"text": text, "categories": cats, "terms": terms}
        pols = {x["polarity"] for x in cats + terms}
        if len(pols) == 1 and next(iter(pols)) in ("positive", "negative", "neutral"):
            row["label"] = next(iter(pols))
        rows.append(row)
    return rows


def absa():
    r = REPOS["absa"]
    import zipfile, io
    z = zipfile.ZipFile(io.BytesIO(show(r, "V2原版/archive.zip", binary=True)))
    base = "SemEval'14-ABSA-TrainData_v2 & AnnotationGuidelines/"
    rest_train = z.read(base + "Restaurants_Train_v2.xml")
    assert rest_train == show(r, "V2原版/" + base + "Restaurants_Train_v2.xml", binary=True)
    lap_train = z.read(base + "Laptop_Train_v2.xml")  # the loose copy in the repo has edited whitespace; use the zip
    rest_test = show(r, "测试集/ABSA_Gold_TestData/Restaurants_Test_Gold.xml", binary=True)
    for set_name, split, data in (("semeval14-restaurants", "train", rest_train),
                                  ("semeval14-restaurants", "test", rest_test),
                                  ("semeval14-laptops", "train", lap_train)):
        rows = absa_rows(data)
        write_jsonl(set_name, split, rows)
        cp = collections.Counter(c["polarity"] for x in rows for c in x["categories"])
        tp = collections.Counter(t["polarity"] for x in rows for t in x["terms"])
        STATS[set_name][split]["category_polarities"] = dict(sorted(cp.items()))
        STATS[set_name][split]["term_polarities"] = dict(sorted(tp.items()))
        STATS[set_name][split]["categories"] = sum(cp.values())
        STATS[set_name][split]["terms"] = sum(tp.values())


# ---------------------------------------------------------------- IMDB (aclImdb v1)
TAG = re.compile(r"<[^>]+>")
WS = re.compile(r"\s+")


def clean_review(t):
    return WS.sub(" ", TAG.sub(" ", t)).strip()


def imdb(cap=300_000):
    r = REPOS["imdb"]
    tree = git(r, "ls-tree", "-r", REV[r], "aclImdb/")
    want = collections.defaultdict(list)  # (split,label) -> [(id, blob)]
    for line in tree.splitlines():
        meta, path = line.split("\t", 1)
        m = re.fullmatch(r"aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt", path)
        if m:
            want[(m.group(1), m.group(2))].append((int(m.group(3)), meta.split()[2]))
    for split in ("train", "test"):
        rows = []
        for lab, name in (("neg", "negative"), ("pos", "positive")):
            items = sorted(want[(split, lab)])
            blobs = "\n".join(b for _, b in items) + "\n"
            p = subprocess.run(["git", "-C", r, "cat-file", "--batch"], input=blobs.encode(),
                               check=True, capture_output=True).stdout
            i = 0
            texts = []
            while i < len(p):
                nl = p.index(b"\n", i)
                hdr = p[i:nl].split()
                size = int(hdr[2])
                texts.append(p[nl + 1:nl + 1 + size].decode("utf-8"))
                i = nl + 1 + size + 1
            assert len(texts) == len(items)
            rows.extend({"text": clean_review(t), "label": name} for t in texts[: cap // 2])
        random.Random(0).shuffle(rows)
        write_jsonl("imdb", split, rows)


def resolve_commits():
    for key, repo in REPOS.items():
        if key == "tweeteval_parquet" and not os.path.isdir(repo):
            continue
        if not os.path.isdir(repo):
            raise SystemExit(f"missing clone: {repo} (git clone https://github.com/{PINNED[key][0]} {repo})")
        REV[repo] = COMMIT[key]
        if subprocess.run(["git", "-C", repo, "cat-file", "-e", f"{COMMIT[key]}^{{commit}}"], capture_output=True).returncode != 0:
            raise SystemExit(f"{repo} does not hold commit {COMMIT[key]}: fetch it (git -C {repo} fetch origin {COMMIT[key]})")


if __name__ == "__main__":
    resolve_commits()
    tweeteval()
    sst2()
    absa()
    imdb()
    STATS["_commits"] = COMMIT
    with open(os.path.join(OUT, "stats.json"), "w") as f:
        json.dump(STATS, f, indent=1, ensure_ascii=False)
    print(json.dumps(STATS["_commits"], indent=1))
