package dev.trellis.bench.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a count or a rate that must be 1 or more. */
public final class PositiveIntConverter implements ITypeConverter<Integer> {

  @Override
  public Integer convert(String value) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TypeConversionException(value + " (expected: a positive integer)");
  }
}
