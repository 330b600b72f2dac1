package io.github.slim4j.core.quant;

/**
 * Where an integer grid sits: affine grids cover [min, max] with a zero point, symmetric grids
 * [−amax, amax] around zero, as PyTorch's {@code per_tensor_affine} and {@code per_tensor_symmetric}.
 */
public enum Scheme { AFFINE, SYMMETRIC }
