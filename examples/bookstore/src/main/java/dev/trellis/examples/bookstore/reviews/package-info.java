/** The reviews gRPC service (API in {@code src/main/protobuf/reviews.proto}) and its health reporting. */
package dev.trellis.examples.bookstore.reviews;
