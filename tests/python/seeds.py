"""Seed networks for the TorchScript import tests.

Usage: /usr/bin/python3 tests/python/seeds.py OUTDIR

Writes OUTDIR/NAME.pt (traced or scripted, saved with torch.jit.save) for every seed below, and
OUTDIR/seeds.txt listing one seed per line: NAME followed by the input shapes (batch 1), e.g.
"resnet 1x3x32x32". Seeds whose import must fail are listed in OUTDIR/failing.txt as
NAME, input shapes and the op the error must name.
"""
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, k, stride=1, padding=0, groups=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, padding, groups=groups, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DSCNN(nn.Module):
    """Keyword spotting DS-CNN: 10x4 stride-2 stem, depthwise-separable blocks, avg pool, FC."""

    def __init__(self, width=16, classes=12):
        super().__init__()
        layers = [conv_bn_relu(1, width, (10, 4), stride=2, padding=(5, 1))]
        for _ in range(2):
            layers.append(conv_bn_relu(width, width, 3, padding=1, groups=width))
            layers.append(conv_bn_relu(width, width, 1))
        self.features = nn.Sequential(*layers)
        self.dropout = nn.Dropout(0.4)
        self.fc = nn.Linear(width, classes)

    def forward(self, x):
        x = self.features(x)
        x = F.avg_pool2d(x, x.shape[2:])
        x = self.dropout(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                            nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)


class ResNet8(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = conv_bn_relu(3, 8, 3, padding=1)
        self.layer1 = BasicBlock(8, 8, 1)
        self.layer2 = BasicBlock(8, 16, 2)
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(16, classes)

    def forward(self, x):
        x = self.layer2(self.layer1(self.stem(x)))
        return self.fc(torch.flatten(self.pool(x), 1))


class CausalConv1d(nn.Conv1d):
    """Causal dilated convolution: all padding on the left, through F.pad."""

    def forward(self, x):
        pad = (self.kernel_size[0] - 1) * self.dilation[0]
        return self._conv_forward(F.pad(x, (pad, 0)), self.weight, self.bias)


class TCN(nn.Module):
    """TEMPONet-like 1-D net: 'same' dilated convs, causal convs, 1-D pools."""

    def __init__(self):
        super().__init__()
        self.same1 = nn.Conv1d(4, 8, 3, padding='same', dilation=2)
        self.bn1 = nn.BatchNorm1d(8)
        self.same2 = nn.Conv1d(8, 8, 4, padding='same', dilation=1)  # even kernel: uneven pad
        self.causal = CausalConv1d(8, 12, 3, dilation=4)
        self.bn2 = nn.BatchNorm1d(12)
        self.strided = nn.Conv1d(12, 12, 5, stride=2, padding=2)
        self.fc = nn.Linear(12 * 4, 5)

    def forward(self, x):
        x = F.relu(self.bn1(self.same1(x)))
        x = F.max_pool1d(F.relu(self.same2(x)), 2)
        x = F.relu6(self.bn2(self.causal(x)))
        x = F.avg_pool1d(self.strided(x), 3, stride=2, padding=1)
        x = F.adaptive_avg_pool1d(x, 4)
        return self.fc(x.flatten(1))


class SEBlock(nn.Module):
    def __init__(self, channels, reduced):
        super().__init__()
        self.reduce = nn.Conv2d(channels, reduced, 1)
        self.expand = nn.Conv2d(reduced, channels, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        s = torch.sigmoid(self.expand(F.relu(self.reduce(s))))
        return x * s


class SENet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(3, 16, 3, stride=2, padding=1)
        self.se = SEBlock(16, 4)
        self.dw = conv_bn_relu(16, 16, 5, padding=2, groups=16)
        self.gate = nn.Hardsigmoid()
        self.head = nn.Linear(16, 6)

    def forward(self, x):
        x = self.se(self.stem(x))
        x = self.dw(x)
        g = self.gate(x.mean(dim=(2, 3), keepdim=True))
        x = (x * g).sum(dim=(2, 3))
        return self.head(x)


class Fire(nn.Module):
    def __init__(self, cin, squeeze, expand):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, squeeze, 1)
        self.expand1x1 = nn.Conv2d(squeeze, expand, 1)
        self.expand3x3 = nn.Conv2d(squeeze, expand, 3, padding=1)

    def forward(self, x):
        x = F.relu(self.squeeze(x))
        return torch.cat([F.relu(self.expand1x1(x)), F.relu(self.expand3x3(x))], 1)


class SqueezeNetMini(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2), nn.ReLU(inplace=True),
                                      nn.MaxPool2d(3, 2, ceil_mode=True), Fire(16, 4, 8),
                                      Fire(16, 4, 8), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Dropout(0.5), nn.Conv2d(16, 7, 1),
                                        nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1))

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


class ChunkNet(nn.Module):
    """GLU gate with chunk, split_with_sizes, slicing and cat."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.mix = nn.Conv2d(8, 12, 1)

    def forward(self, x):
        a, b = self.conv(x).chunk(2, dim=1)
        y = a * torch.sigmoid(b)
        y = self.mix(y)
        p, q, r = torch.split(y, [2, 4, 6], dim=1)
        s = torch.split(y, 6, dim=1)[1]
        t = y[:, 3:9]
        u = y[:, :, 1:, ::2]
        return torch.cat([p + q[:, :2], r - s, t], 1).mean(dim=(2, 3)), u


class Misc(nn.Module):
    """view/permute/transpose/reshape, squeeze/unsqueeze, many activations, scalar arithmetic."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 8, 3, padding=1)
        self.prelu = nn.PReLU(8)
        self.prelu1 = nn.PReLU()
        self.lin = nn.Linear(8, 8)
        self.act = nn.Hardswish()
        self.out = nn.Linear(8 * 6, 4)

    def forward(self, x):
        n = x.size(0)
        x = self.prelu(self.conv(x))                           # [n, 8, 6, 6]
        x = F.gelu(x) + F.gelu(x, approximate='tanh')
        x = x.permute(0, 2, 3, 1)                              # [n, 6, 6, 8]
        x = F.silu(self.lin(x))
        x = x.transpose(1, 3).contiguous()                     # [n, 8, 6, 6]
        x = F.leaky_relu(x, 0.2) * 0.5 - 1.0
        x = self.act(x.reshape(n, 8, 36)).unsqueeze(1)          # [n, 1, 8, 36]
        x = torch.tanh(x.squeeze(1).view(n, 8, 6, 6).mean(3))  # [n, 8, 6]
        x = F.hardsigmoid(self.prelu1(x)) + F.hardtanh(x, -0.5, 0.5)
        x = 2.0 - x / 4
        x = F.softmax(x.reshape(-1, 48), dim=1)
        return self.out(x.detach().clone())


class Shuffle(nn.Module):
    """ShuffleNet channel shuffle (view, transpose, view) and a hand-written hard-swish."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.group_conv = nn.Conv2d(8, 8, 1, groups=2)
        self.act6 = nn.ReLU6(inplace=True)  # arrives as hardtanh_(x, 0, 6)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = torch.clamp(self.conv(x), min=0.0)
        n, c, h, w = x.size()
        x = x.view(n, 2, c // 2, h, w).transpose(1, 2).contiguous().view(n, c, h, w)
        x = self.act6(self.group_conv(x)) - 2.0
        x = x * F.relu6(x + 3.0) / 6.0
        return self.fc(x.mean([2, 3]))


class TwoOutputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv1d(3, 8, 3), nn.BatchNorm1d(8), nn.ReLU())
        self.embed = nn.Linear(8, 4)
        self.classify = nn.Linear(4, 3)

    def forward(self, x):
        e = self.embed(F.adaptive_max_pool1d(self.body(x), 1).squeeze(-1))
        return self.classify(F.relu(e)), e


class TwoInputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 4, 3, padding=1)
        self.b = nn.Conv2d(2, 4, 3, padding=1)
        self.fc = nn.Linear(8, 2)

    def forward(self, x, y):
        z = torch.cat([F.relu(self.a(x)), F.relu(self.b(y))], 1)
        return self.fc(F.adaptive_avg_pool2d(z, 1).flatten(1))


class Scripted(nn.Module):
    """Saved with torch.jit.script rather than trace."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.drop = nn.Dropout(0.2)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = self.drop(x)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.fc(x)


class WithLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(3, 8, 3)
        self.lstm = nn.LSTM(8, 8, batch_first=True)

    def forward(self, x):
        y, _ = self.lstm(self.conv(x).transpose(1, 2))
        return y


class WithSort(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 6)

    def forward(self, x):
        return torch.sort(self.fc(x), dim=1)[0]


class WithConvTranspose(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose1d(3, 4, 2, stride=2)

    def forward(self, x):
        return self.up(x)


class PadNotConv(nn.Module):
    def forward(self, x):
        return F.relu(F.pad(x, (1, 1)))


# name -> (model factory, input shapes with batch 1, "trace" or "script")
SEEDS = {
    'dscnn': (DSCNN, [[1, 1, 49, 10]], 'trace'),
    'resnet': (ResNet8, [[1, 3, 32, 32]], 'trace'),
    'tcn': (TCN, [[1, 4, 64]], 'trace'),
    'senet': (SENet, [[1, 3, 16, 16]], 'trace'),
    'squeezenet': (SqueezeNetMini, [[1, 3, 33, 33]], 'trace'),
    'chunk': (ChunkNet, [[1, 3, 8, 8]], 'trace'),
    'misc': (Misc, [[1, 2, 6, 6]], 'trace'),
    'shuffle': (Shuffle, [[1, 3, 6, 6]], 'trace'),
    'two_outputs': (TwoOutputs, [[1, 3, 10]], 'trace'),
    'two_inputs': (TwoInputs, [[1, 1, 8, 8], [1, 2, 8, 8]], 'trace'),
    'scripted': (Scripted, [[1, 3, 12, 12]], 'script'),
    'tcn_scripted': (TCN, [[1, 4, 64]], 'script'),
    'conv_transpose': (WithConvTranspose, [[1, 3, 8]], 'trace'),
    'pad_relu': (PadNotConv, [[1, 3, 8]], 'trace'),
}

# name -> (model factory, input shapes, mode, op the import error must name)
FAILING = {
    'lstm': (WithLSTM, [[1, 3, 12]], 'trace', 'aten::lstm'),
    'sort': (WithSort, [[1, 6]], 'trace', 'aten::sort'),
}


def randomise_batch_norm(model):
    """Non-trivial running statistics and affine parameters, so that BN matters."""
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
        if isinstance(m, nn.PReLU):
            with torch.no_grad():
                m.weight.uniform_(0.05, 0.4)


def save(model_class, shapes, mode, path):
    model = model_class()
    randomise_batch_norm(model)
    model.eval()
    with torch.no_grad():
        if mode == 'script':
            module = torch.jit.script(model)
        else:
            example = tuple(torch.randn(*s) for s in shapes)
            module = torch.jit.trace(model, example)
    torch.jit.save(module, path)


def shapes_text(shapes):
    return ' '.join('x'.join(str(d) for d in s) for s in shapes)


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: seeds.py OUTDIR')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    warnings.filterwarnings('ignore', category=UserWarning)  # even-kernel 'same' padding
    with open(os.path.join(out, 'seeds.txt'), 'w') as listing:
        for name, (factory, shapes, mode) in SEEDS.items():
            save(factory, shapes, mode, os.path.join(out, name + '.pt'))
            listing.write(f'{name} {shapes_text(shapes)}\n')
    with open(os.path.join(out, 'failing.txt'), 'w') as listing:
        for name, (factory, shapes, mode, op) in FAILING.items():
            save(factory, shapes, mode, os.path.join(out, name + '.pt'))
            listing.write(f'{name} {shapes_text(shapes)} {op}\n')


if __name__ == '__main__':
    main()
