"""Reference values for the joint-embedding losses of pretext-contrastive.

Written from the papers' own PyTorch pseudo-code / reference implementations, independently of
the Java code, in float64. Run with a PyTorch install:

    python3 pretext-contrastive/src/test/python/joint_embedding_reference.py

and paste the printed numbers into the *LossTest classes (SimSiamLossTest, BarlowTwinsLossTest,
VicRegLossTest, ByolLossTest, MocoInfoNceLossTest, DinoLossTest); their inputs are the same
literals, in ReferenceInputs.java.

- SimSiam: Chen & He 2021, Algorithm 1 (D = negative cosine, z detached).
- Barlow Twins: Zbontar et al. 2021, official code (BatchNorm1d(affine=False) on each view,
  c = bn(z1).T @ bn(z2) / N, on_diag + lambda * off_diag).
- VICReg: Bardes et al. 2022, Algorithm 1 (mse_loss, std with eps 1e-4, relu(1 - std),
  covariance off-diagonal squares / d, each regulariser summed over both views).
- BYOL: Grill et al. 2020, eqs. 2 and 5 (2 - 2 cos, summed over both view orders).
- MoCo v2: He et al. 2020, Algorithm 1 (logits [l_pos, l_neg] / T, cross-entropy with label 0).
- DINO: Caron et al. 2021, official DINOLoss (teacher softmax((t - c) / tau_t) detached,
  student log_softmax(s / tau_s), pairs of different views, divided by the pair count;
  centre c * m + mean(t) * (1 - m)).
"""
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

Z = torch.tensor([[0.5, -1.2, 0.3], [1.1, 0.4, -0.7], [-0.6, 0.9, 1.5],
                  [0.2, -0.8, 0.9], [1.4, 0.1, -0.2], [-1.0, 1.3, 0.6]])
P = torch.tensor([[0.3, 0.7, -0.5], [-0.4, 1.0, 0.2], [0.9, -0.3, 0.8],
                  [1.2, 0.5, 0.1], [-0.7, -0.2, 1.1], [0.6, 0.8, -0.9]])
# N = 2 samples, d = 3: rows 0, 1 view 1, rows 2, 3 view 2
Z2 = torch.tensor([[0.4, -0.3, 1.0], [-0.6, 0.9, 0.2], [0.1, 0.5, 0.7], [0.8, -0.2, -0.4]])


def show(name, value):
    if value.dim() == 0:
        print(f"{name} = {value.item():.9f}")
    else:
        print(f"{name} = {{" + ", ".join(f"{v:.9f}" for v in value.flatten().tolist()) + "}")


def halves(z):
    n = z.shape[0] // 2
    return z[:n], z[n:]


def simsiam(z, p):
    z1, z2 = halves(z)
    p1, p2 = halves(p)

    def d(p, z):
        return -(F.normalize(p, dim=1) * F.normalize(z.detach(), dim=1)).sum(dim=1).mean()

    return d(p1, z2) / 2 + d(p2, z1) / 2


def off_diagonal(x):
    n, m = x.shape
    return x.flatten()[:-1].view(n - 1, n + 1)[:, 1:].flatten()


def barlow(z, lam):
    z1, z2 = halves(z)
    n, d = z1.shape
    bn = torch.nn.BatchNorm1d(d, affine=False)
    bn.train()
    c = bn(z1).T @ bn(z2) / n
    on_diag = torch.diagonal(c).add(-1).pow(2).sum()
    off_diag = off_diagonal(c).pow(2).sum()
    return on_diag + lam * off_diag


def vicreg(z, sim=25.0, std_w=25.0, cov_w=1.0, gamma=1.0, eps=1e-4):
    x, y = halves(z)
    n, d = x.shape
    repr_loss = F.mse_loss(x, y)
    x = x - x.mean(dim=0)
    y = y - y.mean(dim=0)
    std_x = torch.sqrt(x.var(dim=0) + eps)
    std_y = torch.sqrt(y.var(dim=0) + eps)
    std_loss = torch.mean(F.relu(gamma - std_x)) + torch.mean(F.relu(gamma - std_y))
    cov_x = (x.T @ x) / (n - 1)
    cov_y = (y.T @ y) / (n - 1)
    cov_loss = off_diagonal(cov_x).pow(2).sum() / d + off_diagonal(cov_y).pow(2).sum() / d
    return sim * repr_loss + std_w * std_loss + cov_w * cov_loss


def byol(p, z_target):
    p1, p2 = halves(p)
    t1, t2 = halves(z_target)

    def l(p, z):
        return (2 - 2 * (F.normalize(p, dim=1) * F.normalize(z.detach(), dim=1)).sum(dim=1)).mean()

    return l(p1, t2) + l(p2, t1)


def moco(q, k, queue, t):
    q = F.normalize(q, dim=1)
    k = F.normalize(k, dim=1).detach()
    queue = F.normalize(queue, dim=1).detach()
    l_pos = torch.einsum("nc,nc->n", [q, k]).unsqueeze(-1)
    l_neg = torch.einsum("nc,kc->nk", [q, queue])
    logits = torch.cat([l_pos, l_neg], dim=1) / t
    labels = torch.zeros(logits.shape[0], dtype=torch.long)
    return F.cross_entropy(logits, labels)


def moco_symmetric(q, k, queue, t):
    """The moco task's loss: each view's queries against the other view's keys, averaged."""
    q1, q2 = halves(q)
    k1, k2 = halves(k)
    return (moco(q1, k2, queue, t) + moco(q2, k1, queue, t)) / 2


def dino(student, teacher, center, teacher_temp, student_temp=0.1, global_views=2):
    views = student.shape[0] // (teacher.shape[0] // global_views)
    student_out = (student / student_temp).chunk(views)
    teacher_out = F.softmax((teacher - center) / teacher_temp, dim=-1).detach().chunk(global_views)
    total, terms = 0, 0
    for iq, q in enumerate(teacher_out):
        for v in range(len(student_out)):
            if v == iq:
                continue
            total += torch.sum(-q * F.log_softmax(student_out[v], dim=-1), dim=-1).mean()
            terms += 1
    return total / terms


def dino_center(center, teacher, m=0.9):
    return center * m + teacher.mean(dim=0, keepdim=True) * (1 - m)


def grad(fn, x):
    x = x.clone().requires_grad_(True)
    fn(x).backward()
    return x.grad


print("# SimSiam (Z as z, P as p)")
show("SIMSIAM", simsiam(Z, P))
show("SIMSIAM_GRAD_P", grad(lambda p: simsiam(Z, p), P))
print("# Barlow Twins (Z, N = 3)")
show("BARLOW_LAMBDA_0_01", barlow(Z, 0.01))
show("BARLOW_LAMBDA_0", barlow(Z, 0.0))
show("BARLOW_LAMBDA_1", barlow(Z, 1.0))
show("BARLOW_GRAD_LAMBDA_0_01", grad(lambda z: barlow(z, 0.01), Z))
print("# Barlow Twins (Z2, N = 2)")
show("BARLOW_N2_LAMBDA_0_01", barlow(Z2, 0.01))
print("# VICReg (Z, N = 3)")
show("VICREG_DEFAULT", vicreg(Z))
show("VICREG_INVARIANCE", vicreg(Z, 1, 0, 0))
show("VICREG_VARIANCE", vicreg(Z, 0, 1, 0))
show("VICREG_COVARIANCE", vicreg(Z, 0, 0, 1))
show("VICREG_GAMMA_2_EPS_0_01", vicreg(Z, 25, 25, 1, 2.0, 0.01))
show("VICREG_GRAD_DEFAULT", grad(vicreg, Z))
print("# VICReg (Z2, N = 2)")
show("VICREG_N2_DEFAULT", vicreg(Z2))
show("VICREG_N2_VARIANCE", vicreg(Z2, 0, 1, 0))
print("# BYOL (P as online predictions, Z as target projections)")
show("BYOL", byol(P, Z))
show("BYOL_GRAD_P", grad(lambda p: byol(p, Z), P))
print("# MoCo v2 (q = P[0:2], k = P[2:4], queue = Z[0:4])")
show("MOCO_T_0_2", moco(P[0:2], P[2:4], Z[0:4], 0.2))
show("MOCO_T_0_07", moco(P[0:2], P[2:4], Z[0:4], 0.07))
show("MOCO_GRAD_Q_T_0_2", grad(lambda q: moco(q, P[2:4], Z[0:4], 0.2), P[0:2]))
print("# MoCo task, symmetric (q = P, k = Z, N = 3; queue = Z2)")
show("MOCO_TASK_T_0_2", moco_symmetric(P, Z, Z2, 0.2))
show("MOCO_TASK_GRAD_Q_T_0_2", grad(lambda q: moco_symmetric(q, Z, Z2, 0.2), P))
print("# MoCo task, batch of 2 (N = 1: q = Z2[0:2], k = Z2[2:4], queue = Z[0:3])")
show("MOCO_TASK_N1_T_0_2", moco_symmetric(Z2[0:2], Z2[2:4], Z[0:3], 0.2))
print("# BYOL, batch of 2 (N = 1: q = Z2[0:2], z' = Z2[2:4])")
show("BYOL_N1", byol(Z2[0:2], Z2[2:4]))

S = torch.tensor([[0.2, -0.5, 1.0, 0.3], [0.7, 0.1, -0.4, 0.0], [-0.3, 0.8, 0.5, -0.6],
                  [0.4, 0.4, -0.2, 0.9], [1.0, -0.7, 0.3, 0.2], [-0.1, 0.6, 0.0, -0.8]])
T = torch.tensor([[0.05, -0.02, 0.08, 0.01], [0.03, 0.06, -0.04, 0.02],
                  [-0.01, 0.07, 0.02, -0.03], [0.04, -0.05, 0.01, 0.06]])
C = torch.tensor([[0.01, 0.02, -0.01, 0.0]])
print("# DINO (student S: 3 views of N = 2, teacher T: 2 global views, centre C)")
show("DINO_T_0_04", dino(S, T, C, 0.04))
show("DINO_T_0_07", dino(S, T, C, 0.07))
show("DINO_GRAD_S_T_0_04", grad(lambda s: dino(s, T, C, 0.04), S))
show("DINO_CENTER_0_9", dino_center(C, T))
