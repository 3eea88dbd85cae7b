import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws bench/compare.sh's throughput chart: one group of two bars per test
 * (Troupe, Redis), requests per second, with Troupe's ratio above its group.
 * Plain Java (headless AWT + ImageIO), so it needs nothing installed:
 *
 * <pre>java -Djava.awt.headless=true bench/Chart.java results.tsv chart.png "title"</pre>
 *
 * Input: one line per test, tab-separated: label, Troupe rps, Redis rps and,
 * optionally, the ratio to print (compare.sh's median of per-round ratios;
 * default Troupe rps / Redis rps).
 */
public final class Chart {
  private record Row(String label, double troupe, double redis, double ratio) {}

  private static final Color TROUPE = new Color(0x2b, 0x6c, 0xb0);
  private static final Color REDIS = new Color(0xc0, 0x39, 0x2b);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java bench/Chart.java <results.tsv> <chart.png> [title]");
      System.exit(2);
    }
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length >= 3 && !line.isBlank()) {
        double troupe = Double.parseDouble(f[1]);
        double redis = Double.parseDouble(f[2]);
        double ratio = f.length > 3 ? Double.parseDouble(f[3]) : redis > 0 ? troupe / redis : 0;
        rows.add(new Row(f[0], troupe, redis, ratio));
      }
    }
    String title = args.length > 2 ? args[2] : "Troupe vs Redis 7.0, redis-benchmark requests/s";
    ImageIO.write(draw(rows, title), "png", new File(args[1]));
  }

  static BufferedImage draw(List<Row> rows, String title) {
    int left = 90, right = 110, top = 70, bottom = 120;
    int group = 64, bar = 24;
    int width = Math.max(640, left + right + group * rows.size());
    int height = 480;
    int plotH = height - top - bottom;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);

    double max = 1;
    for (Row r : rows) {
      max = Math.max(max, Math.max(r.troupe, r.redis));
    }
    double step = niceStep(max / 5);
    double axisMax = Math.ceil(max / step) * step;

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    legend(g, left, 48, TROUPE, "Troupe");
    legend(g, left + 90, 48, REDIS, "Redis 7.0");

    for (double v = 0; v <= axisMax + step / 2; v += step) {
      int y = top + plotH - (int) Math.round(v / axisMax * plotH);
      g.setColor(GRID);
      g.drawLine(left, y, width - right, y);
      g.setColor(Color.DARK_GRAY);
      String s = v >= 1000 ? Math.round(v / 1000) + "k" : String.valueOf(Math.round(v));
      g.drawString(s, left - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.drawLine(left, top + plotH, width - right, top + plotH);

    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int x = left + i * group + (group - 2 * bar) / 2;
      barAt(g, x, r.troupe, axisMax, top, plotH, bar, TROUPE);
      barAt(g, x + bar, r.redis, axisMax, top, plotH, bar, REDIS);
      g.setColor(Color.BLACK);
      String ratio = r.ratio > 0 ? String.format("%.2f×", r.ratio) : "";
      int yTop = top + plotH - (int) Math.round(Math.max(r.troupe, r.redis) / axisMax * plotH);
      g.drawString(ratio, x + bar - fm.stringWidth(ratio) / 2, yTop - 4);
      // Labels turned 45°, so long names ("GET/SET 90/10 -P 16") fit under narrow groups.
      Graphics2D t = (Graphics2D) g.create();
      t.translate(x + bar, top + plotH + 12);
      t.rotate(Math.toRadians(40));
      t.drawString(r.label, 0, 0);
      t.dispose();
    }
    g.dispose();
    return img;
  }

  private static void barAt(Graphics2D g, int x, double v, double axisMax, int top, int plotH, int w, Color c) {
    int h = (int) Math.round(v / axisMax * plotH);
    g.setColor(c);
    g.fillRect(x, top + plotH - h, w - 2, h);
  }

  private static void legend(Graphics2D g, int x, int y, Color c, String text) {
    g.setColor(c);
    g.fillRect(x, y - 10, 12, 12);
    g.setColor(Color.BLACK);
    g.drawString(text, x + 18, y);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
