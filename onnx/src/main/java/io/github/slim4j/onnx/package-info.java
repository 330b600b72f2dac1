/** ONNX in and out: reading and writing ONNX files, their DL4J form, export, and ONNX Runtime. */
package io.github.slim4j.onnx;
