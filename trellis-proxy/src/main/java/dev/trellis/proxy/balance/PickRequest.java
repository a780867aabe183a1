package dev.trellis.proxy.balance;

/** What a balancer may look at in a request (consistent hashing). */
public interface PickRequest {
  String header(String lowerCaseName);

  String cookie(String name);

  String sourceAddress();

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
  };
}
