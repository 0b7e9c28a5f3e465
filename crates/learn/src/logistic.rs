//! L2-regularised, optionally class-weighted logistic regression over sparse features
//! (each item a list of `(feature, value)`), fitted by L-BFGS with a fixed iteration budget.
//!
//! The objective is `Σᵢ cᵢ·(log(1 + e^zᵢ) − tᵢ·zᵢ) + λ/2·‖w‖²` with
//! `zᵢ = b + Σ_{(f, v)∈xᵢ} v·w_f`, `tᵢ ∈ {0, 1}` and `cᵢ` the weight of item i's class
//! ([`class_weights`], or 1 without class weighting); the bias `b` is not regularised. Every sum runs in a fixed order (items, then features, as given), so a
//! fit is the same bytes on any machine and thread count.

/// A fitted model: a weight per feature and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// One weight per feature id.
    pub weights: Vec<f64>,
    /// The intercept.
    pub bias: f64,
}

impl Fit {
    /// The model's linear score of an item with features `x`.
    pub fn z(&self, x: &[(u32, f64)]) -> f64 {
        x.iter()
            .fold(self.bias, |z, &(f, v)| z + v * self.weights[f as usize])
    }

    /// The model's probability for an item with features `x`.
    pub fn score(&self, x: &[(u32, f64)]) -> f64 {
        sigmoid(self.z(x))
    }
}

/// How a fit is made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// The L2 penalty λ.
    pub l2: f64,
    /// L-BFGS iterations at most.
    pub iterations: usize,
    /// Whether classes are weighted ([`class_weights`]); otherwise every item weighs 1.
    pub class_weighted: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            l2: 1.0,
            iterations: 100,
            class_weighted: true,
        }
    }
}

/// `1 / (1 + e^-z)`, computed without overflow.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `log(1 + e^z)`, computed without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// "Balanced" class weights: each class weighs half of the items in all, so a rare theme's
/// few positives count as much as its many negatives. `(positive, negative)`; a class with
/// no item gets weight 0.
pub fn class_weights(labels: &[bool]) -> (f64, f64) {
    let n = labels.len() as f64;
    let pos = labels.iter().filter(|&&t| t).count() as f64;
    let neg = n - pos;
    let w = |k: f64| if k > 0.0 { n / (2.0 * k) } else { 0.0 };
    (w(pos), w(neg))
}

/// The objective and its gradient at `params` (weights, then the bias last).
struct Problem<'a> {
    xs: &'a [&'a [(u32, f64)]],
    labels: &'a [bool],
    costs: (f64, f64),
    l2: f64,
    dims: usize,
}

impl Problem<'_> {
    fn eval(&self, params: &[f64], grad: &mut [f64]) -> f64 {
        let bias = params[self.dims];
        let mut loss = 0.0;
        for (j, g) in grad.iter_mut().enumerate().take(self.dims) {
            *g = self.l2 * params[j];
            loss += 0.5 * self.l2 * params[j] * params[j];
        }
        grad[self.dims] = 0.0;
        for (x, &t) in self.xs.iter().zip(self.labels) {
            let z = x.iter().fold(bias, |z, &(f, v)| z + v * params[f as usize]);
            let (c, target) = if t {
                (self.costs.0, 1.0)
            } else {
                (self.costs.1, 0.0)
            };
            if c == 0.0 {
                continue;
            }
            loss += c * (softplus(z) - target * z);
            let r = c * (sigmoid(z) - target);
            for &(f, v) in x.iter() {
                grad[f as usize] += r * v;
            }
            grad[self.dims] += r;
        }
        loss
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits a model to items `xs` (each a list of distinct feature ids below `dims`, with
/// their values) with labels `labels`, class-weighted by [`class_weights`] if `settings`
/// say so.
pub fn fit(xs: &[&[(u32, f64)]], labels: &[bool], dims: usize, settings: Settings) -> Fit {
    let problem = Problem {
        xs,
        labels,
        costs: if settings.class_weighted {
            class_weights(labels)
        } else {
            (1.0, 1.0)
        },
        l2: settings.l2,
        dims,
    };
    let params = lbfgs(&problem, settings.iterations);
    Fit {
        bias: params[dims],
        weights: params[..dims].to_vec(),
    }
}

/// Past steps L-BFGS remembers.
const MEMORY: usize = 8;

/// Minimises the problem from zero by L-BFGS with a backtracking (Armijo) line search;
/// stops after `iterations` or when the gradient or a step vanishes.
fn lbfgs(p: &Problem<'_>, iterations: usize) -> Vec<f64> {
    let n = p.dims + 1;
    let mut x = vec![0.0; n];
    let mut g = vec![0.0; n];
    let mut f = p.eval(&x, &mut g);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::with_capacity(MEMORY);
    let (mut x_new, mut g_new) = (vec![0.0; n], vec![0.0; n]);
    for _ in 0..iterations {
        if dot(&g, &g).sqrt() < 1e-6 {
            break;
        }
        let d = direction(&g, &history);
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            history.clear();
            continue;
        }
        let mut step = if history.is_empty() {
            1.0 / dot(&g, &g).sqrt().max(1.0)
        } else {
            1.0
        };
        let mut f_new = f;
        let mut accepted = false;
        for _ in 0..30 {
            for i in 0..n {
                x_new[i] = x[i] + step * d[i];
            }
            f_new = p.eval(&x_new, &mut g_new);
            if f_new <= f + 1e-4 * step * slope {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted || (f - f_new).abs() <= 1e-12 * f.abs().max(1.0) {
            break;
        }
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / sy));
        }
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        f = f_new;
    }
    x
}

/// The L-BFGS descent direction `-H·g` by the two-loop recursion.
fn direction(g: &[f64], history: &[(Vec<f64>, Vec<f64>, f64)]) -> Vec<f64> {
    let mut q = g.to_vec();
    let mut alphas = vec![0.0; history.len()];
    for (k, (s, y, rho)) in history.iter().enumerate().rev() {
        let a = rho * dot(s, &q);
        alphas[k] = a;
        for (qi, yi) in q.iter_mut().zip(y) {
            *qi -= a * yi;
        }
    }
    if let Some((s, y, _)) = history.last() {
        let gamma = dot(s, y) / dot(y, y);
        for qi in &mut q {
            *qi *= gamma;
        }
    }
    for (k, (s, y, rho)) in history.iter().enumerate() {
        let b = rho * dot(y, &q);
        for (qi, si) in q.iter_mut().zip(s) {
            *qi += (alphas[k] - b) * si;
        }
    }
    q.iter().map(|v| -v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_toy_data() {
        // feature 0 marks positives, 1 negatives, 2 is everywhere
        let mut xs: Vec<&[(u32, f64)]> = Vec::new();
        let mut labels = Vec::new();
        for i in 0..40 {
            let pos = i % 4 == 0;
            xs.push(if pos {
                &[(0, 1.0), (2, 1.0)]
            } else {
                &[(1, 1.0), (2, 1.0)]
            });
            labels.push(pos);
        }
        let fit = fit(&xs, &labels, 3, Settings::default());
        assert!(fit.weights[0] > 1.0 && fit.weights[1] < -1.0, "{fit:?}");
        for (x, &t) in xs.iter().zip(&labels) {
            assert_eq!(fit.score(x) >= 0.5, t);
        }
    }

    #[test]
    fn without_class_weights_a_rare_class_scores_lower() {
        // feature 0 is in every positive and in as many negatives: only the weighting decides
        let mut xs: Vec<&[(u32, f64)]> = Vec::new();
        let mut labels = Vec::new();
        for i in 0..40 {
            xs.push(if i < 8 { &[(0, 1.0)] } else { &[(1, 1.0)] });
            labels.push(i < 4);
        }
        let s = Settings::default();
        let weighted = fit(&xs, &labels, 2, s);
        let plain = fit(
            &xs,
            &labels,
            2,
            Settings {
                class_weighted: false,
                ..s
            },
        );
        assert!(weighted.score(xs[0]) > 0.5, "{weighted:?}");
        assert!(plain.score(xs[0]) < 0.5, "{plain:?}");
    }

    #[test]
    fn values_scale_a_features_contribution() {
        let fit = Fit {
            weights: vec![2.0, -1.0],
            bias: 0.5,
        };
        assert_eq!(fit.z(&[(0, 0.5), (1, 2.0)]), 0.5 + 1.0 - 2.0);
    }

    #[test]
    fn the_gradient_is_the_objectives() {
        let xs: Vec<&[(u32, f64)]> = vec![
            &[(0, 1.0), (1, 0.5)],
            &[(1, 1.0)],
            &[(0, 0.25), (2, 1.0)],
            &[(2, 2.0)],
        ];
        let labels = [true, false, true, false];
        let p = Problem {
            xs: &xs,
            labels: &labels,
            costs: class_weights(&labels),
            l2: 0.5,
            dims: 3,
        };
        let at = [0.3, -0.2, 0.1, 0.05];
        let mut g = vec![0.0; 4];
        p.eval(&at, &mut g);
        for i in 0..4 {
            let (mut up, mut down) = (at.to_vec(), at.to_vec());
            up[i] += 1e-6;
            down[i] -= 1e-6;
            let mut scratch = vec![0.0; 4];
            let numeric = (p.eval(&up, &mut scratch) - p.eval(&down, &mut scratch)) / 2e-6;
            assert!((numeric - g[i]).abs() < 1e-5, "{i}: {numeric} vs {}", g[i]);
        }
    }

    #[test]
    fn rare_classes_are_weighted_up() {
        let (pos, neg) = class_weights(&[true, false, false, false]);
        assert_eq!((pos, neg), (2.0, 4.0 / 6.0));
        assert_eq!(class_weights(&[false, false]), (0.0, 0.5));
    }
}
