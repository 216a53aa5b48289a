/**
 * Where the kit lives: its checkout's top folder and the jar or folder each class came from
 * ({@link parallellab.kit.KitLayout}). The bottom layer, so that every package, the kernel and the
 * Spark module find files the same way.
 */
package parallellab.kit;
