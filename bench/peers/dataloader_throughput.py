#!/usr/bin/env python3
"""The PyTorch peer of the image-data throughput benchmark (issue 15).

    /usr/bin/python3 bench/peers/dataloader_throughput.py FOLDER [--workers 1 2] [--batches 20]
        [--batch-size 128] [--views 2] [--size 96]

A torch DataLoader over every JPEG/PNG under FOLDER, with the augmentation of
configs/simclr-image-folder.yaml: PIL decode and convert to RGB (once per image), then per view
RandomResizedCrop(96, scale 0.08-1, ratio 3/4-4/3), horizontal flip p 0.5, colour jitter
0.4/0.4/0.4/0.1 with p 0.8, grayscale p 0.2, Gaussian blur (kernel 3, sigma 0.1-2) p 0.5, to
tensor, normalize. Each image gives --views views (2, as SimCLR's batches), stacked like
`pretext data throughput` does; images/s counts source images, as that command does. Batches are
shuffled with a fixed seed. For each worker count, --batches batches are timed after one warm-up
batch per worker (the batches the other workers finish while the first is awaited), as the Java
side does. torch's intra-op threads are set to 1 (DataLoader workers use 1 too), so the worker count
is the number of busy cores. Needs Debian's python3-torch and python3-torchvision (PIL comes with
them). Output lines: "workers N: X images/s (Y views/s), median batch Z ms, B batches of I images".
"""
import argparse
import os
import statistics
import time

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


def simclr_views(size):
    """The per-view augmentation of configs/simclr-image-folder.yaml, in its order."""
    return transforms.Compose([
        transforms.RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(0.75, 4.0 / 3.0)),
        transforms.RandomHorizontalFlip(p=0.5),
        transforms.RandomApply([transforms.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
        transforms.RandomGrayscale(p=0.2),
        transforms.RandomApply([transforms.GaussianBlur(3, sigma=(0.1, 2.0))], p=0.5),
        transforms.ToTensor(),
        transforms.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)),
    ])


class Files(Dataset):
    """Every image file under a folder; an item is a tuple of views of one decoded image."""

    def __init__(self, root, transform, views):
        self.paths = sorted(
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
            if f.lower().endswith((".jpg", ".jpeg", ".png")))
        self.transform = transform
        self.views = views

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        with Image.open(self.paths[i]) as img:
            rgb = img.convert("RGB")
        return tuple(self.transform(rgb) for _ in range(self.views))


def measure(data, workers, batches, batch_size):
    loader = DataLoader(data, batch_size=batch_size, shuffle=True, num_workers=workers,
                        generator=torch.Generator().manual_seed(0), drop_last=True,
                        persistent_workers=False)
    per_epoch = len(loader)
    if per_epoch == 0:
        raise SystemExit("%d images make no full batch of %d; lower --batch-size" % (len(data), batch_size))
    it = iter(loader)
    for _ in range(workers):  # warm-up, one batch per worker, as the Java side
        next(it)
    intervals = []
    images = 0
    start = time.perf_counter()
    last = start
    while len(intervals) < batches:
        try:
            batch = next(it)
        except StopIteration:  # epoch over: a new one, as the Java side crosses epochs
            it = iter(loader)
            batch = next(it)
        now = time.perf_counter()
        intervals.append(now - last)
        last = now
        images += batch[0].shape[0]
    return images, last - start, statistics.median(intervals)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--views", type=int, default=2)
    parser.add_argument("--size", type=int, default=96)
    args = parser.parse_args()
    torch.set_num_threads(1)
    data = Files(args.folder, simclr_views(args.size), args.views)
    print("files: %d, batches of %d images, %d view(s) per image, torch %s" % (
        len(data), args.batch_size, args.views, torch.__version__))
    for workers in args.workers:
        images, elapsed, median = measure(data, workers, args.batches, args.batch_size)
        print("workers %d: %.1f images/s (%.1f views/s), median batch %.1f ms, %d batches of %d images in %.2f s" % (
            workers, images / elapsed, args.views * images / elapsed, 1000 * median, args.batches, images, elapsed))


if __name__ == "__main__":
    main()
