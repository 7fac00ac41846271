package io.odecast.train;

/**
 * AdamW with PyTorch's semantics ({@code torch.optim.AdamW}): decoupled weight decay
 * {@code p ← p (1 - lr·λ)}, then the bias-corrected Adam step {@code p ← p - lr · m̂ / (√v̂ + ε)}.
 * Works on several parameter blocks at once, updated in place; allocates only at construction.
 */
public final class AdamW {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private long step;

    /** PyTorch's defaults for betas (0.9, 0.999) and eps (1e-8). */
    public AdamW(double lr, double weightDecay, int... blockSizes) {
        this(lr, 0.9, 0.999, 1e-8, weightDecay, blockSizes);
    }

    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay, int... blockSizes) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW needs lr > 0, betas in [0, 1), eps > 0, weight decay >= 0");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new double[blockSizes.length][];
        this.v = new double[blockSizes.length][];
        for (int b = 0; b < blockSizes.length; b++) {
            m[b] = new double[blockSizes[b]];
            v[b] = new double[blockSizes[b]];
        }
    }

    /** One update of every block {@code params[b]} with its gradient {@code grads[b]}. */
    public void step(double[][] params, double[][] grads) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / correction1;
        double sqrtCorrection2 = Math.sqrt(correction2);
        for (int b = 0; b < params.length; b++) {
            double[] p = params[b];
            double[] g = grads[b];
            double[] mb = m[b];
            double[] vb = v[b];
            for (int i = 0; i < p.length; i++) {
                p[i] *= 1 - lr * weightDecay;
                mb[i] = beta1 * mb[i] + (1 - beta1) * g[i];
                vb[i] = beta2 * vb[i] + (1 - beta2) * g[i] * g[i];
                p[i] -= stepSize * mb[i] / (Math.sqrt(vb[i]) / sqrtCorrection2 + eps);
            }
        }
    }

    /** Steps taken. */
    public long steps() {
        return step;
    }

    /**
     * Scales the gradient blocks so their joint L2 norm is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_} does; returns the norm before clipping.
     */
    public static double clipGradientNorm(double[][] grads, double maxNorm) {
        double sum = 0;
        for (double[] g : grads) {
            for (double x : g) {
                sum += x * x;
            }
        }
        double norm = Math.sqrt(sum);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            for (double[] g : grads) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= coefficient;
                }
            }
        }
        return norm;
    }
}
