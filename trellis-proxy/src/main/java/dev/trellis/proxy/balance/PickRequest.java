package dev.trellis.proxy.balance;

/**
 * What a {@link Balancer} may look at in a request: the parts a consistent hash can key on.
 *
 * <p>Implementations are views over the request the proxy already decoded; they are called on
 * the event loop that owns the request, must not block and should not copy the request.
 * Every method returns {@code null} when the value is absent.
 */
public interface PickRequest {

  /** The first value of the header, looked up by its lower-case name; {@code null} when absent. */
  String header(String lowerCaseName);

  /** The value of the named cookie; {@code null} when absent. */
  String cookie(String name);

  /** The caller's IP address as text (e.g. {@code 10.0.0.7}); {@code null} when unknown. */
  String sourceAddress();

  /** A request about which nothing is known: hashing balancers fall back to a random pick. */
  PickRequest NONE = new PickRequest() {
    @Override
    public String header(String lowerCaseName) {
      return null;
    }

    @Override
    public String cookie(String name) {
      return null;
    }

    @Override
    public String sourceAddress() {
      return null;
    }

    @Override
    public String toString() {
      return "PickRequest.NONE";
    }
  };
}
