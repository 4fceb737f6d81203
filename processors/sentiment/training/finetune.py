"""Fine-tune MiniLM-L6 for polarity with soft targets (torch; training only).

Graded VADER ratings become soft targets ``p(positive) = sigmoid(6 * rating)``
(rating scaled to -1..1), so mild sentences such as NYT news snippets teach the
model to sit near 0.5: that is what makes a neutral band meaningful on a
two-label head. Hard-labelled rows use 0.03/0.97 (label smoothing).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from processors.sentiment.training.sources import Example

SOFT_SLOPE = 6.0
SMOOTHING = 0.03


@dataclass(frozen=True, slots=True)
class TrainConfig:
    seed: int = 13
    epochs: float = 1.0
    batch_size: int = 32
    lr: float = 8e-5
    warmup: float = 0.06
    max_length: int = 128
    threads: int = 2
    max_steps: int | None = None


def soft_target(ex: Example) -> float:
    if ex.graded:
        return 1.0 / (1.0 + math.exp(-SOFT_SLOPE * ex.rating))
    return 1.0 - SMOOTHING if ex.rating > 0 else SMOOTHING


def length_batches(lengths: list[int], size: int, rng: random.Random) -> Iterator[list[int]]:
    """Shuffled batches of similar length: dynamic padding stays short."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start : start + pool], key=lengths.__getitem__)
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(batches)
    yield from batches


def finetune(
    base: Path, train: list[Example], out: Path, cfg: TrainConfig, log: Callable[[str], None] = print
) -> Path:
    """Fine-tune ``base`` on ``train`` and save a Hugging Face folder to ``out``."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    rng = random.Random(cfg.seed)
    tok = AutoTokenizer.from_pretrained(str(base))
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=2, id2label={0: "negative", 1: "positive"},
        label2id={"negative": 0, "positive": 1},
    )
    enc = tok([ex.text for ex in train], truncation=True, max_length=cfg.max_length)
    ids: list[list[int]] = enc["input_ids"]
    targets = [soft_target(ex) for ex in train]
    per_epoch = math.ceil(len(train) / cfg.batch_size)
    total = cfg.max_steps or max(1, int(per_epoch * cfg.epochs))
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    warm = max(1, int(total * cfg.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    model.train()
    step, started = 0, time.monotonic()
    while step < total:
        for batch in length_batches([len(x) for x in ids], cfg.batch_size, rng):
            loss = _step(model, tok, [ids[i] for i in batch], [targets[i] for i in batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(), sched.step(), opt.zero_grad()
            step += 1
            if step % 50 == 0 or step == total:
                rate = step / (time.monotonic() - started)
                log(f"step {step}/{total} loss {loss.item():.4f} ({rate:.2f} steps/s)")
            if step >= total:
                break
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    return out


def _step(model, tok, batch_ids: list[list[int]], batch_targets: list[float]):
    import torch

    padded = tok.pad({"input_ids": batch_ids}, return_tensors="pt")
    logits = model(input_ids=padded["input_ids"], attention_mask=padded["attention_mask"]).logits
    p = torch.tensor(batch_targets, dtype=torch.float32)
    target = torch.stack([1 - p, p], dim=1)
    return torch.sum(-target * torch.log_softmax(logits, dim=1), dim=1).mean()
