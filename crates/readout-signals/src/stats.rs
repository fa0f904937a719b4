//! The statistics the detectors use: Poisson and binomial tails.

/// ln(n!) by summation for small n, Stirling's series beyond.
fn ln_factorial(n: u64) -> f64 {
    if n < 64 {
        (2..=n).map(|k| (k as f64).ln()).sum()
    } else {
        let n = n as f64;
        n * n.ln() - n + 0.5 * (2.0 * std::f64::consts::PI * n).ln() + 1.0 / (12.0 * n)
    }
}

/// P(X = k) for X ~ Poisson(mu).
pub fn poisson_pmf(k: u64, mu: f64) -> f64 {
    if mu <= 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    (k as f64 * mu.ln() - mu - ln_factorial(k)).exp()
}

/// P(X >= k) for X ~ Poisson(mu).
pub fn poisson_upper(k: u64, mu: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if (k as f64) > mu {
        // The upper tail directly: subtracting from 1 would lose it to rounding.
        let mut sum = 0.0;
        let mut i = k;
        loop {
            let term = poisson_pmf(i, mu);
            sum += term;
            if term < sum * 1e-17 || i > k + 10_000 {
                break;
            }
            i += 1;
        }
        sum.clamp(0.0, 1.0)
    } else {
        let below: f64 = (0..k).map(|i| poisson_pmf(i, mu)).sum();
        (1.0 - below).clamp(0.0, 1.0)
    }
}

/// P(X >= k) for a negative binomial count with mean `mu` and variance
/// `phi * mu` (`phi` > 1): size r = mu / (phi - 1), success chance 1 / phi.
pub fn negative_binomial_upper(k: u64, mu: f64, phi: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if mu <= 0.0 {
        return 0.0;
    }
    let r = mu / (phi - 1.0);
    let q = 1.0 / phi;
    // pmf(0) = q^r; pmf(x + 1) = pmf(x) (x + r) / (x + 1) (1 - q), in logs.
    let mut ln_pmf = r * q.ln();
    let mut below = 0.0;
    for x in 0..k {
        below += ln_pmf.exp();
        ln_pmf += ((x as f64 + r) / (x as f64 + 1.0) * (1.0 - q)).ln();
    }
    if below < 0.5 {
        return (1.0 - below).clamp(0.0, 1.0);
    }
    // The upper tail directly, so that small values keep their precision.
    let mut sum = 0.0;
    let mut x = k;
    loop {
        let term = ln_pmf.exp();
        sum += term;
        if term < sum * 1e-17 || x > k + 100_000 {
            break;
        }
        ln_pmf += ((x as f64 + r) / (x as f64 + 1.0) * (1.0 - q)).ln();
        x += 1;
    }
    sum.clamp(0.0, 1.0)
}

/// P(X >= k) for X ~ Binomial(n, q).
pub fn binomial_upper(k: u64, n: u64, q: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let q = q.clamp(1e-12, 1.0 - 1e-12);
    (k..=n)
        .map(|i| {
            let ln_c = ln_factorial(n) - ln_factorial(i) - ln_factorial(n - i);
            (ln_c + i as f64 * q.ln() + (n - i) as f64 * (1.0 - q).ln()).exp()
        })
        .sum::<f64>()
        .clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn poisson_tails_match_known_values() {
        assert!(close(poisson_pmf(0, 2.0), (-2.0f64).exp()));
        // P(X >= 3 | mu = 1) = 1 - e^-1 (1 + 1 + 1/2)
        assert!(close(poisson_upper(3, 1.0), 1.0 - (-1.0f64).exp() * 2.5));
        assert_eq!(poisson_upper(0, 5.0), 1.0);
        assert!(poisson_upper(40, 2.0) < 1e-20);
        assert!(poisson_upper(40, 2.0) > 0.0);
    }

    #[test]
    fn negative_binomial_is_wider_than_poisson_with_the_same_mean() {
        // phi = 2, mu = 2: r = 2, q = 0.5; P(X = 0) = 0.25, P(X = 1) = 0.25.
        assert!(close(negative_binomial_upper(2, 2.0, 2.0), 0.5));
        assert!(negative_binomial_upper(10, 2.0, 3.0) > poisson_upper(10, 2.0) * 100.0);
        assert!(negative_binomial_upper(60, 2.0, 2.0) > 0.0);
        assert!(negative_binomial_upper(60, 2.0, 2.0) < 1e-10);
    }

    #[test]
    fn binomial_tails_match_known_values() {
        // P(X >= 1 | n = 2, q = 0.5) = 0.75
        assert!(close(binomial_upper(1, 2, 0.5), 0.75));
        assert!(close(binomial_upper(2, 2, 0.3), 0.09));
        assert_eq!(binomial_upper(3, 2, 0.3), 0.0);
    }
}
