"""The primer's 40-layer relu DNN in PyTorch 1.13 (glorot_uniform kernels, zero biases), trained one epoch with Adam
written out (style `torch`: torch.optim.Adam's update; `keras`: Keras' update, whose epsilon is added to sqrt(v)
before the bias correction), batch 32, pixels / 255; prints the accuracy on the first 1,000 test images for seeds 0,
1 and 2. Arguments: STYLE:EPS:LR:IMAGES ..., e.g.
    /usr/bin/python3 tools/pytorch-fixtures/deep_dnn_seeds.py torch:1e-8:3e-4:24000 keras:1e-7:1e-3:60000
It is the reference for docs/language.md's figures on deep_dnn.model (which seeds learn is the network's, not the
engine's)."""
import torch, gzip, numpy as np, sys, math
torch.set_num_threads(2)
D='/usr/share/datasets/fashion-mnist/'
def idx(f):
    with gzip.open(D+f) as g: b=g.read()
    nd=b[3]; dims=[int.from_bytes(b[4+4*i:8+4*i],'big') for i in range(nd)]
    return np.frombuffer(b,dtype=np.uint8,offset=4+4*nd).reshape(dims)
X=torch.tensor(idx('train-images-idx3-ubyte.gz').reshape(-1,784)/255.,dtype=torch.float32)
Y=torch.tensor(idx('train-labels-idx1-ubyte.gz').astype(np.int64))
Xt=torch.tensor(idx('t10k-images-idx3-ubyte.gz').reshape(-1,784)/255.,dtype=torch.float32)
Yt=torch.tensor(idx('t10k-labels-idx1-ubyte.gz').astype(np.int64))
def run(seed, lr, n, style, eps):
    torch.manual_seed(seed)
    layers=[]; f=784
    for i in range(40):
        l=torch.nn.Linear(f,100); torch.nn.init.xavier_uniform_(l.weight); torch.nn.init.zeros_(l.bias); layers+= [l, torch.nn.ReLU()]; f=100
    l=torch.nn.Linear(f,10); torch.nn.init.xavier_uniform_(l.weight); torch.nn.init.zeros_(l.bias); layers.append(l)
    net=torch.nn.Sequential(*layers)
    ps=list(net.parameters()); m=[torch.zeros_like(p) for p in ps]; v=[torch.zeros_like(p) for p in ps]
    perm=torch.randperm(n)
    t=0
    for s in range(0,n,32):
        i=perm[s:s+32]
        loss=torch.nn.functional.cross_entropy(net(X[i]),Y[i])
        for p in ps: p.grad=None
        loss.backward(); t+=1
        with torch.no_grad():
            for p,mm,vv in zip(ps,m,v):
                mm.mul_(0.9).add_(p.grad,alpha=0.1); vv.mul_(0.999).addcmul_(p.grad,p.grad,value=0.001)
                if style=='keras':
                    lrt=lr*math.sqrt(1-0.999**t)/(1-0.9**t); p.sub_(lrt*mm/(vv.sqrt()+eps))
                else:
                    p.sub_(lr/(1-0.9**t)*mm/(vv.sqrt()/math.sqrt(1-0.999**t)+eps))
    with torch.no_grad(): acc=(net(Xt[:1000]).argmax(1)==Yt[:1000]).float().mean().item()
    return acc
for style,eps,lr,n in [(a,float(b),float(c),int(d)) for a,b,c,d in (x.split(':') for x in sys.argv[1:])]:
    print(style,eps,lr,n,[round(run(s,lr,n,style,eps)*100,1) for s in (0,1,2)],flush=True)
