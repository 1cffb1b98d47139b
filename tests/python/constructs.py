"""Seed networks for the import of single constructs (stack, pad, reductions, norms, softmax, clamp,
interpolate, transposed convolution), each inside a small searchable classifier.

Usage: /usr/bin/python3 tests/python/constructs.py OUTDIR

Writes OUTDIR/NAME_trace.pt and OUTDIR/NAME_script.pt (torch.jit.trace and torch.jit.script of the
same model, saved with torch.jit.save) for every construct below, and
- OUTDIR/seeds.txt: one seed per line, NAME followed by the input shapes (batch 1), e.g.
  "clamp_1d_trace 1x3x16", as tests/python/seeds.py writes it;
- OUTDIR/failing.txt: seeds whose import must fail: NAME, input shapes and the text the error must
  contain (the op's TorchScript name);
- OUTDIR/counts.txt: "NAME PARAMS MACS" for every seed of seeds.txt, counted here in PyTorch at
  batch 1 (see count()).
Every model has a convolution with prunable output channels before and after the construct and
ends in a classifier output [N, K] with 3 <= K <= 6.
"""
import math
import os
import sys
import warnings

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

    CONSTANT_PARAMS = ('alpha',)  # becomes a constant when frozen: the engine does not count it

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
    CONSTANT_PARAMS = ('alpha',)  # as in StackWeighted

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


class Interp(nn.Module):
    """conv -> up1 -> conv -> up2 -> conv -> classifier; up1/up2 are set by the subclasses."""

    def __init__(self, dims, classes=4):
        super().__init__()
        self.c1 = conv_bn_relu(dims, 3, 8)
        self.c2 = conv_bn_relu(dims, 8, 8)
        self.c3 = conv_bn_relu(dims, 8, 10)
        self.head = Classifier(10, classes, dims)


class InterpNearest1d(Interp):
    def __init__(self):
        super().__init__(1)

    def forward(self, x):
        x = self.c2(F.interpolate(self.c1(x), scale_factor=2.0, mode='nearest'))  # 16 -> 32
        return self.head(self.c3(F.interpolate(x, size=40, mode='nearest')))


class InterpNearest2d(Interp):
    def __init__(self):
        super().__init__(2)

    def forward(self, x):
        x = self.c2(F.interpolate(self.c1(x), scale_factor=2.0, mode='nearest'))  # 8x8 -> 16x16
        return self.head(self.c3(F.interpolate(x, size=(12, 20), mode='nearest')))


class InterpLinear(Interp):
    def __init__(self):
        super().__init__(1)

    def forward(self, x):
        x = self.c2(F.interpolate(self.c1(x), scale_factor=2.0, mode='linear',
                                  align_corners=False))
        return self.head(self.c3(F.interpolate(x, size=45, mode='linear', align_corners=True)))


class InterpBilinear(Interp):
    def __init__(self):
        super().__init__(2)

    def forward(self, x):
        x = self.c2(F.interpolate(self.c1(x), scale_factor=2.0, mode='bilinear',
                                  align_corners=False))
        return self.head(self.c3(F.interpolate(x, size=(11, 13), mode='bilinear',
                                               align_corners=True)))


class InterpFractional(Interp):
    """Non-integer scale factors: 16 -> 24 (1.5) and 24 -> 30 (1.25), nearest."""

    def __init__(self):
        super().__init__(1)

    def forward(self, x):
        x = self.c2(F.interpolate(self.c1(x), scale_factor=1.5, mode='nearest'))
        return self.head(self.c3(F.interpolate(x, scale_factor=1.25)))


class UpsampleModule(Interp):
    def __init__(self):
        super().__init__(2)
        self.up = nn.Upsample(scale_factor=2)
        self.up_linear = nn.Upsample(scale_factor=2, mode='bilinear')

    def forward(self, x):
        x = self.c2(self.up(self.c1(x)))                                      # 8x8 -> 16x16
        return self.head(self.c3(self.up_linear(F.max_pool2d(x, 2))))         # 8x8 -> 16x16


# ---- transposed convolution ----------------------------------------------------------------


class ConvTranspose1d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.up = nn.ConvTranspose1d(8, 10, 4, stride=2, padding=1)  # 16 -> 32, with bias
        self.bn = nn.BatchNorm1d(10)
        self.c2 = conv_bn_relu(1, 10, 12)
        self.head = Classifier(12, 5)

    def forward(self, x):
        return self.head(self.c2(F.relu(self.bn(self.up(self.c1(x))))))


class ConvTranspose2d(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(2, 3, 8)
        self.up = nn.ConvTranspose2d(8, 6, 3, stride=2, padding=1, output_padding=1, bias=False)
        self.bn = nn.BatchNorm2d(6)
        self.c2 = conv_bn_relu(2, 6, 10)
        self.head = Classifier(10, 5, 2)

    def forward(self, x):
        return self.head(self.c2(F.relu(self.bn(self.up(self.c1(x))))))  # 8x8 -> 16x16


class ConvTransposeDilated(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.up = nn.ConvTranspose1d(8, 8, 3, stride=2, padding=2, dilation=2, bias=False)
        self.bn = nn.BatchNorm1d(8)
        self.c2 = conv_bn_relu(1, 8, 10)
        self.head = Classifier(10, 3)

    def forward(self, x):
        return self.head(self.c2(F.relu(self.bn(self.up(self.c1(x))))))  # 16 -> 31


# ---- shared and unused parameters ----------------------------------------------------------


class SharedModules(nn.Module):
    """One convolution and one batch norm applied twice (their parameters are owned once), and a
    classifier the forward pass never calls (not counted, not exported)."""

    CONSTANT_PARAMS = ('unused.weight', 'unused.bias')

    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.conv = nn.Conv1d(8, 8, 3, padding=1)
        self.bn = nn.BatchNorm1d(8)
        self.head = Classifier(8, 4)
        self.unused = nn.Linear(8, 5)

    def forward(self, x):
        x = self.c1(x)
        y = F.relu(self.bn(self.conv(x)))
        y = F.relu(self.bn(self.conv(y)))
        return self.head(y + x)


class SharedDisagree(nn.Module):
    """A batch norm applied to the network input (whose channels are fixed) and to a conv output:
    the uses cannot keep different channels, so the conv keeps all of its channels."""

    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm1d(3)
        self.conv = nn.Conv1d(3, 3, 3, padding=1)
        self.head = Classifier(3, 3)

    def forward(self, x):
        return self.head(F.relu(self.bn(self.conv(self.bn(x)))))


# ---- unsupported ---------------------------------------------------------------------------


class WithGRU(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = conv_bn_relu(1, 3, 8)
        self.gru = nn.GRU(8, 6, batch_first=True)
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        y, _ = self.gru(self.conv(x).transpose(1, 2))
        return self.fc(y[:, -1])


class WithAttention(nn.Module):
    """Batch-first self-attention without the weights: in eval and no_grad, PyTorch 1.13 takes the
    fast path, a single aten::_native_multi_head_attention."""

    def __init__(self):
        super().__init__()
        self.conv = conv_bn_relu(1, 3, 8)
        self.attn = nn.MultiheadAttention(8, 2, batch_first=True)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        y = self.conv(x).transpose(1, 2)
        y, _ = self.attn(y, y, y, need_weights=False)
        return self.fc(y.mean(1))


class CausalAttention(nn.Module):
    """Self-attention with a causal mask: with a mask PyTorch does not take the fused fast path,
    so the trace records differentiable ops (linear, bmm, softmax) the search can train through."""

    def __init__(self, dim, length):
        super().__init__()
        self.attn = nn.MultiheadAttention(dim, 2, batch_first=True)
        self.register_buffer('mask', torch.triu(torch.full((length, length), float('-inf')), 1))

    def forward(self, x):
        return self.attn(x, x, x, attn_mask=self.mask)[0]


class WithCausalAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = conv_bn_relu(1, 3, 8)
        self.attn = CausalAttention(8, 16)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        return self.fc(self.attn(self.conv(x).transpose(1, 2)).mean(1))


class WithCumsum(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.c2 = conv_bn_relu(1, 8, 8)
        self.head = Classifier(8, 4)

    def forward(self, x):
        return self.head(self.c2(torch.cumsum(self.c1(x), dim=-1)))


class WithRfft(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.c2 = conv_bn_relu(1, 8, 8)
        self.head = Classifier(8, 4)

    def forward(self, x):
        return self.head(self.c2(torch.fft.rfft(self.c1(x), dim=-1).abs()))


class LSTMHead(nn.Module):
    """An LSTM over time and a linear on its last step: the kind of head the importer cannot take
    apart, kept whole with --keep-whole head."""

    def __init__(self, features, classes):
        super().__init__()
        self.lstm = nn.LSTM(features, 6, batch_first=True)
        self.fc = nn.Linear(6, classes)

    def forward(self, x):
        y, _ = self.lstm(x.transpose(1, 2))
        return self.fc(y[:, -1])


class WithLSTMHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = conv_bn_relu(1, 3, 8)
        self.c2 = conv_bn_relu(1, 8, 8)
        self.head = LSTMHead(8, 4)

    def forward(self, x):
        return self.head(self.c2(self.c1(x)))


S1 = [[1, 3, 16]]
S2 = [[1, 3, 8, 8]]
BOTH = ('trace', 'script')

# construct -> (model factory, input shapes with batch 1, modes); seeds are NAME_MODE
CONSTRUCTS = {
    'stack_weighted': (StackWeighted, S1, BOTH),
    'stack_weighted_2d': (StackWeighted2d, S2, BOTH),
    'stack_dim1_mean': (StackDim1Mean, S1, BOTH),
    'stack_dim1_sum': (StackDim1Sum, S1, BOTH),
    'pad_channels': (PadChannels, S1, BOTH),
    'pad_channels_2d': (PadChannels2d, S2, BOTH),
    'pad_modes_1d': (PadModes1d, S1, BOTH),
    'pad_modes_2d': (PadModes2d, S2, BOTH),
    'reduce_amax': (ReduceAmax, S1, BOTH),
    'reduce_max_dim': (ReduceMaxDim, S1, BOTH),
    'reduce_std': (ReduceStd, S1, BOTH),
    'reduce_var': (ReduceVar, S1, BOTH),
    'layer_norm_channels': (LayerNormChannels, S1, BOTH),
    'layer_norm_time': (layer_norm_time, S1, BOTH),
    'group_norm_1d': (group_norm_1d, S1, BOTH),
    'group_norm_2d': (group_norm_2d, S2, BOTH),
    'instance_norm_1d': (instance_norm_1d, S1, BOTH),
    'instance_norm_2d': (instance_norm_2d, S2, BOTH),
    'instance_norm_running': (instance_norm_running, S1, BOTH),
    'softmax_1d': (Softmax1d, S1, BOTH),
    'softmax_2d': (Softmax2d, S2, BOTH),
    'clamp_1d': (Clamp1d, S1, BOTH),
    'clamp_2d': (Clamp2d, S2, BOTH),
    'interp_nearest_1d': (InterpNearest1d, S1, BOTH),
    'interp_nearest_2d': (InterpNearest2d, S2, BOTH),
    'interp_linear': (InterpLinear, S1, BOTH),
    'interp_bilinear': (InterpBilinear, S2, BOTH),
    'interp_fractional': (InterpFractional, S1, BOTH),
    'upsample_module': (UpsampleModule, S2, BOTH),
    'conv_transpose_1d': (ConvTranspose1d, S1, BOTH),
    'conv_transpose_2d': (ConvTranspose2d, S2, BOTH),
    'conv_transpose_dilated': (ConvTransposeDilated, S1, BOTH),
    'shared_modules': (SharedModules, S1, BOTH),
    'shared_disagree': (SharedDisagree, S1, BOTH),
}

# seed name -> (model factory, input shapes, mode, text the import error must contain).
# GRU and attention are traced only: scripted, their forward checks the input first
# (prim::dtype/prim::device of the input for the GRU's hx, is_cuda/autocast tests and many
# branches for attention), so the import would stop on one of those before reaching the op.
FAILING = {
    'gru_trace': (WithGRU, S1, 'trace', 'aten::gru'),
    'attention_trace': (WithAttention, S1, 'trace', 'aten::_native_multi_head_attention'),
    'cumsum_trace': (WithCumsum, S1, 'trace', 'aten::cumsum'),
    'cumsum_script': (WithCumsum, S1, 'script', 'aten::cumsum'),
    'rfft_trace': (WithRfft, S1, 'trace', 'aten::fft_rfft'),
}


# seed name -> (model factory, input shapes, mode, modules kept whole): they import with
# --keep-whole, and only with it.
KEEP_WHOLE = {
    'lstm_head_trace': (WithLSTMHead, S1, 'trace', ['head']),
    'lstm_head_script': (WithLSTMHead, S1, 'script', ['head']),
    'gru_kept_trace': (WithGRU, S1, 'trace', ['gru']),
    'attention_kept_trace': (WithCausalAttention, S1, 'trace', ['attn']),
}


def randomise_norms(model):
    """Non-trivial running statistics and affine parameters, so that the norms matter."""
    for m in model.modules():
        with torch.no_grad():
            if getattr(m, 'running_mean', None) is not None:
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
            norms = (nn.modules.batchnorm._BatchNorm, nn.modules.instancenorm._InstanceNorm,
                     nn.LayerNorm, nn.GroupNorm)
            if isinstance(m, norms) and m.weight is not None:
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)


def count(model, shapes, kept=()):
    """(params, MACs) at batch 1: conv output elements x (in/groups) x kernel; transposed conv
    input elements x (out/groups) x kernel; linear rows x weight elements; other ops 0. Modules
    kept whole count their parameters but no MACs."""
    macs = []
    inside = {id(m) for path in kept for m in model.get_submodule(path).modules()}

    def hook(m, inputs, output):
        if id(m) in inside:
            return
        if isinstance(m, (nn.Conv1d, nn.Conv2d)):
            macs.append(output.numel() * (m.in_channels // m.groups) * math.prod(m.kernel_size))
        elif isinstance(m, (nn.ConvTranspose1d, nn.ConvTranspose2d)):
            macs.append(inputs[0].numel() * (m.out_channels // m.groups) *
                        math.prod(m.kernel_size))
        elif isinstance(m, nn.Linear):
            macs.append(output.numel() // m.out_features * m.weight.numel())

    handles = [m.register_forward_hook(hook) for m in model.modules()]
    with torch.no_grad():
        model(*[torch.randn(*s) for s in shapes])
    for h in handles:
        h.remove()
    constant = getattr(model, 'CONSTANT_PARAMS', ())
    params = sum(p.numel() for n, p in model.named_parameters() if n not in constant)
    return params, sum(macs)


def build(factory, shapes, mode):
    model = factory()
    randomise_norms(model)
    model.eval()
    with torch.no_grad():
        if mode == 'script':
            module = torch.jit.script(model)
        else:
            module = torch.jit.trace(model, tuple(torch.randn(*s) for s in shapes))
    return model, module


def shapes_text(shapes):
    return ' '.join('x'.join(str(d) for d in s) for s in shapes)


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: constructs.py OUTDIR')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    warnings.filterwarnings('ignore', category=UserWarning)  # e.g. the MHA fast-path notes
    warnings.filterwarnings('ignore', category=torch.jit.TracerWarning)  # norms' size checks
    with open(os.path.join(out, 'seeds.txt'), 'w') as listing, \
            open(os.path.join(out, 'counts.txt'), 'w') as counts:
        for construct, (factory, shapes, modes) in CONSTRUCTS.items():
            for mode in modes:
                name = f'{construct}_{mode}'
                model, module = build(factory, shapes, mode)
                torch.jit.save(module, os.path.join(out, name + '.pt'))
                listing.write(f'{name} {shapes_text(shapes)}\n')
                params, macs = count(model, shapes)
                counts.write(f'{name} {params} {macs}\n')
    with open(os.path.join(out, 'failing.txt'), 'w') as listing:
        for name, (factory, shapes, mode, op) in FAILING.items():
            _, module = build(factory, shapes, mode)
            torch.jit.save(module, os.path.join(out, name + '.pt'))
            listing.write(f'{name} {shapes_text(shapes)} {op}\n')
    with open(os.path.join(out, 'keep_whole.txt'), 'w') as listing:
        for name, (factory, shapes, mode, kept) in KEEP_WHOLE.items():
            model, module = build(factory, shapes, mode)
            torch.jit.save(module, os.path.join(out, name + '.pt'))
            params, macs = count(model, shapes, kept)
            listing.write(f'{name} {shapes_text(shapes)} {",".join(kept)} {params} {macs}\n')


if __name__ == '__main__':
    main()
