//! Precision, recall and F1 from one-to-one matches of predicted and gold items.

use std::ops::AddAssign;

use serde::Deserialize;

/// Gold items, predicted items and matched pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    pub matched: usize,
}

impl Counts {
    /// 0 when nothing was predicted, so an empty extractor scores zeros.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.pred)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.matched += o.matched;
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(mut self, o: Counts) -> Counts {
        self += o;
        self
    }
}

/// `n / d`, 0 when `d` is 0.
pub fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Which gold item each predicted item was paired with.
#[derive(Debug, Clone)]
pub struct Matching {
    pub pred_to_gold: Vec<Option<usize>>,
    pub gold_matched: Vec<bool>,
}

impl Matching {
    pub fn counts(&self) -> Counts {
        Counts {
            gold: self.gold_matched.len(),
            pred: self.pred_to_gold.len(),
            matched: self.pred_to_gold.iter().flatten().count(),
        }
    }

    pub fn false_positives(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.pred_to_gold.len()).filter(|&i| self.pred_to_gold[i].is_none())
    }

    pub fn false_negatives(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.gold_matched.len()).filter(|&i| !self.gold_matched[i])
    }
}

/// Pairs each predicted item, in order, with the first unpaired gold item it
/// agrees with. Greedy, which is exact when agreement is an equivalence (exact
/// spans) and near enough for overlaps.
pub fn pair<G, P>(gold: &[G], pred: &[P], agree: impl Fn(&G, &P) -> bool) -> Matching {
    let mut gold_matched = vec![false; gold.len()];
    let pred_to_gold = pred
        .iter()
        .map(|p| {
            let g = (0..gold.len()).find(|&g| !gold_matched[g] && agree(&gold[g], p))?;
            gold_matched[g] = true;
            Some(g)
        })
        .collect();
    Matching {
        pred_to_gold,
        gold_matched,
    }
}

/// A precision and recall to reach.
#[derive(Debug, Clone, Copy)]
pub struct Goal {
    pub precision: f64,
    pub recall: f64,
}

impl Goal {
    pub fn met(&self, c: &Counts) -> bool {
        c.precision() >= self.precision && c.recall() >= self.recall
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_one_to_one() {
        let m = pair(&[1, 2, 2], &[2, 2, 2, 5], |g, p| g == p);
        assert_eq!(
            m.counts(),
            Counts {
                gold: 3,
                pred: 4,
                matched: 2
            }
        );
        assert_eq!(m.false_positives().collect::<Vec<_>>(), [2, 3]);
        assert_eq!(m.false_negatives().collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn empty_predictions_score_zero() {
        let c = Counts {
            gold: 10,
            pred: 0,
            matched: 0,
        };
        assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
    }
}
