"""Construct seeds, part 2: interpolation, transposed convolutions, shared and unused modules,
unsupported ops and modules kept whole (see constructs.py)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from layer_constructs import Classifier, conv_bn_relu


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
