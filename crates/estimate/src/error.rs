//! Why a cell has no estimate.

/// Why [`estimate`](crate::estimate) gave no estimate for a cell.
///
/// [`EstimateError::NoSample`] is the ordinary case of a cell that the human-coded sample
/// does not reach: say so beside the count and never extrapolate. The other variants mean
/// the inputs contradict each other (a bug in the caller or a corrupt sample file).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EstimateError {
    /// No human-coded response falls in the cell.
    #[error("no hand-coded response in this group, so the coding error cannot be measured")]
    NoSample,
    /// The cell has no responses.
    #[error("the group has no responses")]
    EmptyPopulation,
    /// The coder found more positives than there are responses.
    #[error("the coder's count {coder_positives} exceeds the {population} responses")]
    CoderCountAbovePopulation {
        /// The coder's count.
        coder_positives: u64,
        /// Responses in the cell.
        population: u64,
    },
    /// More hand-coded responses than responses in the cell.
    #[error("{sample} hand-coded responses in a group of {population}")]
    SampleAbovePopulation {
        /// Hand-coded responses given.
        sample: usize,
        /// Responses in the cell.
        population: u64,
    },
    /// An inclusion probability outside (0, 1].
    #[error("hand-coded response {index}: inclusion probability {value} is not in (0, 1]")]
    InvalidInclusionProbability {
        /// Position in the sample slice.
        index: usize,
        /// The value given.
        value: f64,
    },
    /// Every unit was certain to be drawn (probability 1), yet the sample is smaller
    /// than the cell.
    #[error(
        "every hand-coded response has inclusion probability 1, \
         but they are {sample} of {population} responses"
    )]
    InconsistentDesign {
        /// Hand-coded responses given.
        sample: usize,
        /// Responses in the cell.
        population: u64,
    },
}
