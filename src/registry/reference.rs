//! Docker image references (placeholder: being written).
