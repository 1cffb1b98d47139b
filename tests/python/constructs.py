"""Seed networks for the import of single constructs (stack, pad, reductions, norms, softmax, clamp,
interpolate, transposed convolution), each inside a small searchable classifier.

Usage: /usr/bin/python3 tests/python/constructs.py OUTDIR

Writes OUTDIR/NAME_trace.pt and OUTDIR/NAME_script.pt (torch.jit.trace and torch.jit.script of the
same model, saved with torch.jit.save) for every construct below, and
- OUTDIR/seeds.txt: one seed per line, NAME followed by the input shapes (batch 1), e.g.
  "clamp_1d_trace 1x3x16", as tests/python/seeds.py writes it;
- OUTDIR/failing.txt: seeds whose import must fail: NAME, input shapes and the text the error must
  contain (the op's TorchScript name);
- OUTDIR/counts.txt: "NAME PARAMS MACS UNUSED" for every seed of seeds.txt, counted here in
  PyTorch at batch 1 (see count()): PARAMS is PyTorch's own parameter count, UNUSED the
  parameters that never reach the output.
The models live in layer_constructs.py, other_constructs.py and network_constructs.py.
Every model has a convolution with prunable output channels before and after the construct and
ends in a classifier output [N, K] with 3 <= K <= 6.
"""
import math
import os
import sys
import warnings

import torch
import torch.nn as nn

from layer_constructs import (StackWeighted, StackWeighted2d, StackDim1Mean, StackDim1Sum,
    PadChannels, PadChannels2d, PadModes1d, PadModes2d, ReduceAmax, ReduceMaxDim, ReduceStd,
    ReduceVar, LayerNormChannels, layer_norm_time, group_norm_1d, group_norm_2d, instance_norm_1d,
    instance_norm_2d, instance_norm_running, Softmax1d, Softmax2d, Clamp1d, Clamp2d)
from other_constructs import (InterpNearest1d, InterpNearest2d, InterpLinear, InterpBilinear,
    InterpFractional, UpsampleModule, ConvTranspose1d, ConvTranspose2d, ConvTransposeDilated,
    SharedModules, SharedDisagree, WithGRU, WithAttention, WithCausalAttention, WithCumsum,
    WithRfft, WithLSTMHead)
from network_constructs import NETWORKS

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
    **NETWORKS,
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
    """(params, MACs, unused) at batch 1. params: PyTorch's own count,
    sum(p.numel() for p in model.parameters()); unused: the parameters that never reach the
    output (no gradient: a module forward never calls). MACs: conv output elements x (in/groups) x kernel; transposed conv input elements
    x (out/groups) x kernel; linear rows x weight elements; other ops 0. Modules kept whole count
    their parameters but no MACs."""
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
    model.zero_grad(set_to_none=True)
    out = model(*[torch.randn(*s) for s in shapes])
    sum(o.sum() for o in (out if isinstance(out, tuple) else (out,))).backward()
    params = sum(p.numel() for p in model.parameters())
    unused = sum(p.numel() for p in model.parameters() if p.grad is None)
    model.zero_grad(set_to_none=True)
    return params, sum(macs), unused


def build(factory, shapes, mode):
    model = factory()
    if not getattr(model, 'FRESH', False):
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
                params, macs, unused = count(model, shapes)
                counts.write(f'{name} {params} {macs} {unused}\n')
    with open(os.path.join(out, 'failing.txt'), 'w') as listing:
        for name, (factory, shapes, mode, op) in FAILING.items():
            _, module = build(factory, shapes, mode)
            torch.jit.save(module, os.path.join(out, name + '.pt'))
            listing.write(f'{name} {shapes_text(shapes)} {op}\n')
    with open(os.path.join(out, 'keep_whole.txt'), 'w') as listing:
        for name, (factory, shapes, mode, kept) in KEEP_WHOLE.items():
            model, module = build(factory, shapes, mode)
            torch.jit.save(module, os.path.join(out, name + '.pt'))
            params, macs, unused = count(model, shapes, kept)
            params -= unused
            listing.write(f'{name} {shapes_text(shapes)} {",".join(kept)} {params} {macs}\n')


if __name__ == '__main__':
    main()
