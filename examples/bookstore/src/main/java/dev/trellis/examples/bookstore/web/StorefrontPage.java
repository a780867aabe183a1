package dev.trellis.examples.bookstore.web;

import java.util.List;

/**
 * Renders the bookstore's HTML page: the storefront, or the reason it could not be shown.
 *
 * <p>Every value from another service is HTML-escaped. Stateless and thread-safe.
 */
final class StorefrontPage {
  private static final String STYLE = """
      body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f4ef;color:#222}
      header{background:#2d4a3e;color:#fff;padding:18px 32px}
      header h1{margin:0;font-size:22px} header p{margin:4px 0 0;opacity:.8;font-size:13px}
      main{max-width:880px;margin:24px auto;padding:0 16px}
      .problem{background:#fff4d6;border-left:4px solid #e0a800;padding:8px 12px;margin-bottom:8px}
      .down{background:#fde2e1;border-left-color:#c0392b}
      .book{background:#fff;border-radius:8px;padding:14px 18px;margin-bottom:12px;box-shadow:0 1px 2px #0002}
      .book h2{margin:0;font-size:18px} .meta{color:#666;font-size:13px}
      .badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px;background:#e6efe9}
      .out{background:#f4d9d7} .unknown{background:#eee}
      .stars{color:#d48a00} blockquote{margin:6px 0 0;color:#444;font-style:italic}
      footer{color:#777;font-size:12px;text-align:center;margin:24px}
      .chip{display:inline-block;border-radius:12px;padding:1px 10px;margin-right:6px;font-weight:600;color:#fff}
      .v1{background:#3b6ea5} .v2{background:#8e44ad}
      """;

  private StorefrontPage() {}

  static String render(Storefront storefront) {
    StringBuilder body = new StringBuilder();
    for (String problem : storefront.problems()) {
      body.append("<div class=\"problem\">").append(escape(problem)).append("</div>\n");
    }
    for (Storefront.ShelfBook book : storefront.books()) {
      body.append("<section class=\"book\"><h2>").append(escape(book.title())).append(stockBadge(book)).append("</h2>\n")
          .append("<div class=\"meta\">").append(escape(book.author())).append(" &middot; ").append(book.year());
      if (book.format() != null) {
        body.append(" &middot; ").append(escape(book.format()));
      }
      body.append("</div>\n").append(reviews(book)).append("</section>\n");
    }
    // A coloured chip per version, so a reload that lands on the other version is seen at once.
    String version = escape(storefront.catalogVersion());
    String subtitle = "<span class=\"chip " + version + "\">catalog " + version + "</span>instance "
        + escape(storefront.catalogInstance()) + " &middot; served by " + escape(storefront.servedBy());
    return page(subtitle, body.toString());
  }

  /** The page shown with a 502 when the catalog could not list the books. */
  static String renderCatalogDown(String servedBy, String reason) {
    return page("served by " + escape(servedBy),
        "<div class=\"problem down\"><strong>The catalog is unavailable.</strong><br>" + escape(reason) + "</div>\n");
  }

  private static String stockBadge(Storefront.ShelfBook book) {
    if (book.stock() == null) {
      return "<span class=\"badge unknown\" title=\"" + escape(String.valueOf(book.stockError())) + "\">stock unknown</span>";
    }
    if (book.stock() == 0) {
      return "<span class=\"badge out\">sold out</span>";
    }
    return "<span class=\"badge\">" + book.stock() + " in stock</span>";
  }

  private static String reviews(Storefront.ShelfBook book) {
    if (book.reviews() == null) {
      return "<div class=\"meta\">reviews unavailable</div>\n";
    }
    if (book.reviews().isEmpty()) {
      return "<div class=\"meta\">no reviews yet</div>\n";
    }
    StringBuilder html = new StringBuilder("<div><span class=\"stars\">").append(stars(book.averageRating()))
        .append("</span> <span class=\"meta\">").append(String.format("%.1f", book.averageRating()))
        .append(" from ").append(book.reviews().size()).append(book.reviews().size() == 1 ? " review" : " reviews")
        .append("</span></div>\n");
    List<Storefront.ShelfReview> shown = book.reviews().subList(0, Math.min(2, book.reviews().size()));
    for (Storefront.ShelfReview review : shown) {
      html.append("<blockquote>&ldquo;").append(escape(review.text())).append("&rdquo; &mdash; ")
          .append(escape(review.reviewer())).append("</blockquote>\n");
    }
    return html.toString();
  }

  private static String stars(double rating) {
    int full = (int) Math.round(rating);
    return "&#9733;".repeat(full) + "&#9734;".repeat(5 - full);
  }

  private static String page(String subtitle, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Trellis Bookstore</title>\n"
        + "<style>" + STYLE + "</style></head><body>\n"
        + "<header><h1>Trellis Bookstore</h1><p>" + subtitle + "</p></header>\n"
        + "<main>\n" + body + "</main>\n"
        + "<footer>Reload to watch the mesh pick catalog versions and instances. Data as JSON: <a href=\"/api/books\">/api/books</a></footer>\n"
        + "</body></html>\n";
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
