#!/usr/bin/env python3
"""The PyTorch peer of the image-data throughput benchmark (issue 15).

    /usr/bin/python3 bench/peers/dataloader_throughput.py FOLDER [--workers 1 2] [--batches 20]

A torch DataLoader over every JPEG/PNG under FOLDER: PIL decode, convert to RGB, torchvision's
RandomResizedCrop(96, scale (0.2, 1)) and a horizontal flip, to tensors; batch 256, shuffled with a
fixed seed. Prints images/s (decode + augmentation) for each worker count, after one warm-up batch.
torch's own intra-op threads are set to 1 so that the worker count is the number of busy cores.
Needs Debian's python3-torch and python3-torchvision (PIL comes with them).
"""
import argparse
import os
import time

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class Files(Dataset):
    def __init__(self, root, transform):
        self.paths = sorted(
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
            if f.lower().endswith((".jpg", ".jpeg", ".png")))
        self.transform = transform

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        with Image.open(self.paths[i]) as img:
            return self.transform(img.convert("RGB"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()
    torch.set_num_threads(1)
    transform = transforms.Compose([
        transforms.RandomResizedCrop(96, scale=(0.2, 1.0)),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])
    data = Files(args.folder, transform)
    print("files: %d" % len(data))
    for workers in args.workers:
        loader = DataLoader(data, batch_size=args.batch_size, shuffle=True, num_workers=workers,
                            generator=torch.Generator().manual_seed(0), drop_last=True)
        it = iter(loader)
        next(it)  # warm-up: workers started, first batch decoded
        start = time.perf_counter()
        seen = 0
        for _ in range(args.batches):
            seen += next(it).shape[0]
        elapsed = time.perf_counter() - start
        print("workers %d: %.1f images/s (%d images in %.2f s)" % (workers, seen / elapsed, seen, elapsed))


if __name__ == "__main__":
    main()
