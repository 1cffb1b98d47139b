"""Construct seeds, part 1: supernet stacks, pads, reductions, normalisations, softmax and clamps,
each inside a small classifier (see constructs.py)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(dims, cin, cout, k=3, **kwargs):
    conv = nn.Conv1d if dims == 1 else nn.Conv2d
    bn = nn.BatchNorm1d if dims == 1 else nn.BatchNorm2d
    return nn.Sequential(conv(cin, cout, k, padding=k // 2, **kwargs), bn(cout), nn.ReLU())


class Classifier(nn.Module):
    """Global mean pool over the spatial dims and a linear layer: [N, C, ...] -> [N, classes]."""

    def __init__(self, channels, classes, dims=1):
        super().__init__()
        self.spatial = [2] if dims == 1 else [2, 3]
        self.fc = nn.Linear(channels, classes)

    def forward(self, x):
        return self.fc(x.mean(self.spatial))


# ---- stack: supernet-style mixed blocks -------------------------------------------------------


class Branches(nn.Module):
    def __init__(self, dims, kernels):
        super().__init__()
        self.stem = conv_bn_relu(dims, 3, 8)
        self.branches = nn.ModuleList([conv_bn_relu(dims, 8, 8, k) for k in kernels])
        self.post = conv_bn_relu(dims, 8, 10)
        self.head = Classifier(10, 5, dims)


class StackWeighted(Branches):
    """DARTS-like mixed op: softmax(alpha)-weighted sum of the stacked branches ([K, N, C, L])."""

    def __init__(self):
        super().__init__(1, (1, 3, 5))
        self.alpha = nn.Parameter(torch.tensor([0.3, -0.4, 0.8]))

    def forward(self, x):
        x = self.stem(x)
        outs = [b(x) for b in self.branches]
        w = torch.softmax(self.alpha, 0)
        y = (torch.stack(outs, 0) * w.view(-1, 1, 1, 1)).sum(0)
        return self.head(self.post(y))


class StackWeighted2d(Branches):

    def __init__(self):
        super().__init__(2, (1, 3))
        self.alpha = nn.Parameter(torch.tensor([-0.5, 0.5]))

    def forward(self, x):
        x = self.stem(x)
        outs = [b(x) for b in self.branches]
        w = torch.softmax(self.alpha, 0)
        y = (torch.stack(outs, 0) * w.view(-1, 1, 1, 1, 1)).sum(0)
        return self.head(self.post(y))


class StackDim1Mean(Branches):
    def __init__(self):
        super().__init__(1, (1, 3, 5))

    def forward(self, x):
        x = self.stem(x)
        outs = [b(x) for b in self.branches]
        return self.head(self.post(torch.stack(outs, dim=1).mean(1)))


class StackDim1Sum(Branches):
    def __init__(self):
        super().__init__(1, (3, 5))

    def forward(self, x):
        x = self.stem(x)
        outs = [b(x) for b in self.branches]
        return self.head(self.post(torch.stack(outs, dim=1).sum(dim=1)))


# ---- pad: zero channels on a shortcut; padding modes not followed by a convolution ----------


class PadChannels(nn.Module):
    """Residual block widening 6 -> 10 channels; the shortcut gets 4 zero channels at the end."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(1, 3, 6)
        self.conv1 = conv_bn_relu(1, 6, 10)
        self.conv2 = nn.Conv1d(10, 10, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm1d(10)
        self.post = conv_bn_relu(1, 10, 12)
        self.head = Classifier(12, 4)

    def forward(self, x):
        x = self.stem(x)
        y = self.bn2(self.conv2(self.conv1(x)))
        y = F.relu(y + F.pad(x, (0, 0, 0, 4)))
        return self.head(self.post(y))


class PadChannels2d(nn.Module):
    """2-D: 6 -> 9 channels, the 3 zero channels split 1 before and 2 after."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(2, 3, 6)
        self.conv1 = conv_bn_relu(2, 6, 9)
        self.conv2 = nn.Conv2d(9, 9, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(9)
        self.post = conv_bn_relu(2, 9, 8)
        self.head = Classifier(8, 4, 2)

    def forward(self, x):
        x = self.stem(x)
        y = self.bn2(self.conv2(self.conv1(x)))
        extra = 3
        y = F.relu(y + F.pad(x, (0, 0, 0, 0, extra // 2, extra - extra // 2)))
        return self.head(self.post(y))


class PadModes1d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(3, 8, 3)
        self.c2 = nn.Conv1d(8, 8, 3)
        self.c3 = nn.Conv1d(8, 8, 3)
        self.c4 = nn.Conv1d(8, 10, 3)
        self.head = Classifier(10, 3)

    def forward(self, x):
        x = F.relu(F.pad(self.c1(x), (1, 2)))                                   # 14 -> 17
        x = F.max_pool1d(F.pad(self.c2(x), (1, 0), value=0.5), 2)              # 15 -> 16 -> 8
        x = F.relu(F.pad(self.c3(x), (2, 1), mode='reflect'))                  # 6 -> 9
        x = F.max_pool1d(F.pad(self.c4(x), (0, 3), mode='replicate'), 2)       # 7 -> 10 -> 5
        return self.head(x)


class PadModes2d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3)
        self.c2 = nn.Conv2d(8, 8, 3)
        self.c3 = nn.Conv2d(8, 8, 3, padding=1)
        self.c4 = nn.Conv2d(8, 10, 3)
        self.head = Classifier(10, 3, 2)

    def forward(self, x):
        x = F.relu(F.pad(self.c1(x), (1, 1, 0, 1)))                            # 6x6 -> 7x8
        x = F.max_pool2d(F.pad(self.c2(x), (1, 0, 1, 0), value=0.5), 2)        # 5x6 -> 6x7 -> 3x3
        x = F.relu(F.pad(self.c3(x), (1, 1, 2, 0), mode='reflect'))            # 3x3 -> 5x5
        x = F.max_pool2d(F.pad(self.c4(x), (0, 1, 1, 0), mode='replicate'), 2)  # 3x3 -> 4x4 -> 2x2
        return self.head(x)


# ---- reductions ---------------------------------------------------------------------------


class ReduceAmax(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.c2 = conv_bn_relu(1, 8, 12)
        self.fc = nn.Linear(12, 5)

    def forward(self, x):
        x = self.c1(x)
        x = x - x.amin(dim=-1, keepdim=True)
        return self.fc(self.c2(x).amax(-1))


class ReduceMaxDim(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.c2 = conv_bn_relu(1, 8, 12)
        self.c3 = nn.Conv1d(12, 6, 3)
        self.fc = nn.Linear(12, 5)

    def forward(self, x):
        x = self.c1(x)
        x = x * torch.sigmoid(x.min(2, keepdim=True)[0])
        x = self.c3(self.c2(x))
        return self.fc(torch.cat([x.max(dim=2)[0], torch.max(x, 2).values], 1))


class ReduceStd(nn.Module):
    """Hand-written normalisation over time with the unbiased std."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(3, 8, 3, padding=1)
        self.c2 = conv_bn_relu(1, 8, 10)
        self.head = Classifier(10, 4)

    def forward(self, x):
        x = self.c1(x)
        x = (x - x.mean(-1, keepdim=True)) / (x.std(-1, keepdim=True) + 1e-5)
        return self.head(self.c2(F.relu(x)))


class ReduceVar(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(3, 8, 3, padding=1)
        self.c2 = conv_bn_relu(1, 8, 10)
        self.head = Classifier(10, 4)

    def forward(self, x):
        x = self.c1(x)
        x = (x - x.mean(-1, keepdim=True)) / torch.sqrt(
            x.var(dim=-1, unbiased=False, keepdim=True) + 1e-5)
        return self.head(self.c2(F.relu(x)))


# ---- norms ------------------------------------------------------------------------------


class NormNet(nn.Module):
    """conv -> norm -> ReLU -> conv -> BN -> ReLU -> classifier."""

    def __init__(self, dims, norm, channels=8):
        super().__init__()
        conv = nn.Conv1d if dims == 1 else nn.Conv2d
        self.c1 = conv(3, channels, 3, padding=1)
        self.norm = norm
        self.c2 = conv_bn_relu(dims, channels, 10)
        self.head = Classifier(10, 4, dims)

    def forward(self, x):
        return self.head(self.c2(F.relu(self.norm(self.c1(x)))))


class LayerNormChannels(NormNet):
    """LayerNorm over the channels of a [N, L, C] tensor (transposed conv output)."""

    def __init__(self):
        super().__init__(1, nn.LayerNorm(8))

    def forward(self, x):
        x = self.norm(self.c1(x).transpose(1, 2)).transpose(1, 2)
        return self.head(self.c2(F.relu(x)))


def layer_norm_time():
    return NormNet(1, nn.LayerNorm(16))


def group_norm_1d():
    return NormNet(1, nn.GroupNorm(2, 8))


def group_norm_2d():
    return NormNet(2, nn.GroupNorm(4, 8))


def instance_norm_1d():
    return NormNet(1, nn.InstanceNorm1d(8, affine=True))


def instance_norm_2d():
    return NormNet(2, nn.InstanceNorm2d(8))


def instance_norm_running():
    return NormNet(1, nn.InstanceNorm1d(8, track_running_stats=True))


# ---- softmax ----------------------------------------------------------------------------


class Softmax1d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(3, 8, 3, padding=1)
        self.c2 = nn.Conv1d(8, 8, 3, padding=1)
        self.c3 = nn.Conv1d(8, 8, 3, padding=1)
        self.c4 = nn.Conv1d(8, 10, 3, padding=1)
        self.head = Classifier(10, 5)

    def forward(self, x):
        x = self.c2(torch.softmax(self.c1(x), dim=1))          # over the channels
        x = self.c3(F.log_softmax(x, dim=-1))                   # over time
        x = self.c4(torch.softmax(x, -1) * F.log_softmax(x, 1))
        return F.log_softmax(self.head(x), dim=1)


class Softmax2d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 8, 3, padding=1)
        self.c3 = nn.Conv2d(8, 10, 3, padding=1)
        self.head = Classifier(10, 5, 2)

    def forward(self, x):
        x = self.c2(F.softmax(self.c1(x), dim=1))
        x = self.c3(F.log_softmax(x, dim=3) + torch.softmax(x, 2))
        return F.log_softmax(self.head(x), -1)


# ---- clamp ------------------------------------------------------------------------------


class Clamp1d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(3, 8, 3, padding=1)
        self.c2 = nn.Conv1d(8, 8, 3, padding=1)
        self.c3 = nn.Conv1d(8, 10, 3, padding=1)
        self.head = Classifier(10, 4)

    def forward(self, x):
        x = self.c2(torch.clamp(self.c1(x), -0.5, 0.5))
        x = self.c3(x.clamp(min=0.1))
        return self.head(x.clamp(max=0.3))


class Clamp2d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 10, 3, padding=1)
        self.head = Classifier(10, 4, 2)

    def forward(self, x):
        x = self.c2(torch.clamp_min(self.c1(x), -0.2))
        return self.head(torch.clamp_max(x, 0.7))


# ---- interpolate --------------------------------------------------------------------------
