//! The docker-archive (`docker save`) writer (placeholder: being written).
