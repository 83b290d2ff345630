package org.agenticdeals.testkit;

import java.util.List;

/** The fixed reference data every non-empty seed starts from: markets, sources and a product catalog tree. */
final class Catalog {

    private Catalog() {
    }

    record MarketSpec(String name, String domain, String status) {
    }

    /** {@code market} ties a source to one market; null means it lists deals of any market. */
    record SourceSpec(String name, String type, String reliability, String status, String market) {
    }

    /** A leaf of the category tree with what sells there and for how much (whole dollars). */
    record LeafSpec(String path, int minPrice, int maxPrice, List<String> brands, List<String> products) {
    }

    static final List<MarketSpec> MARKETS = List.of(
            new MarketSpec("Amazon", "amazon.com", "active"),
            new MarketSpec("eBay", "ebay.com", "active"),
            new MarketSpec("Walmart", "walmart.com", "active"),
            new MarketSpec("Best Buy", "bestbuy.com", "active"),
            new MarketSpec("Target", "target.com", "active"),
            new MarketSpec("Newegg", "newegg.com", "active"),
            new MarketSpec("Etsy", "etsy.com", "active"),
            new MarketSpec("AliExpress", "aliexpress.com", "active"),
            new MarketSpec("Overstock", "overstock.com", "deprecated"),
            new MarketSpec("Sears", "sears.com", "inactive"));

    static final List<SourceSpec> SOURCES = List.of(
            new SourceSpec("Amazon Product Advertising API", "api", "0.98", "active", "Amazon"),
            new SourceSpec("Best Buy Products API", "api", "0.95", "active", "Best Buy"),
            new SourceSpec("Walmart Affiliate Feed", "affiliate", "0.90", "active", "Walmart"),
            new SourceSpec("Target Partners Feed", "affiliate", "0.88", "active", "Target"),
            new SourceSpec("Newegg Affiliate Feed", "affiliate", "0.85", "active", "Newegg"),
            new SourceSpec("eBay Listings Scraper", "scraper", "0.72", "active", "eBay"),
            new SourceSpec("Slickdeals Scraper", "scraper", "0.80", "active", null),
            new SourceSpec("Community Submissions", "user_submitted", "0.55", "active", null),
            new SourceSpec("Legacy RSS Scraper", "scraper", "0.40", "inactive", null));

    static final List<LeafSpec> LEAVES = List.of(
            new LeafSpec("Electronics/Audio/Headphones", 49, 399,
                    List.of("Sony", "Bose", "Sennheiser", "JBL", "Anker Soundcore", "Audio-Technica"),
                    List.of("Wireless Noise Cancelling Headphones", "Over-Ear Studio Headphones", "True Wireless Earbuds",
                            "Sports Bluetooth Earbuds")),
            new LeafSpec("Electronics/Audio/Speakers", 29, 499,
                    List.of("JBL", "Sonos", "Bose", "Ultimate Ears", "Marshall"),
                    List.of("Portable Bluetooth Speaker", "Smart Speaker with Voice Assistant", "Soundbar with Wireless Subwoofer",
                            "Waterproof Party Speaker")),
            new LeafSpec("Electronics/Computers/Laptops", 399, 2499,
                    List.of("Apple", "Dell", "Lenovo", "HP", "ASUS", "Acer"),
                    List.of("14-inch Ultrabook 16GB RAM 512GB SSD", "15.6-inch Gaming Laptop RTX 4060", "2-in-1 Touchscreen Laptop",
                            "13-inch Thin and Light Laptop")),
            new LeafSpec("Electronics/Computers/Monitors", 119, 1299,
                    List.of("LG", "Samsung", "Dell", "ASUS", "BenQ"),
                    List.of("27-inch 4K UHD Monitor", "34-inch Curved Ultrawide Monitor", "24-inch 144Hz Gaming Monitor",
                            "32-inch QHD Monitor")),
            new LeafSpec("Electronics/Phones/Smartphones", 199, 1399,
                    List.of("Samsung", "Google", "Apple", "OnePlus", "Motorola"),
                    List.of("Unlocked Smartphone 128GB", "5G Smartphone 256GB", "Foldable Smartphone 512GB")),
            new LeafSpec("Electronics/Phones/Accessories", 9, 129,
                    List.of("Anker", "Belkin", "Spigen", "OtterBox", "UGREEN"),
                    List.of("65W USB-C Fast Charger", "MagSafe Compatible Case", "10000mAh Power Bank",
                            "Tempered Glass Screen Protector 3-Pack")),
            new LeafSpec("Home & Kitchen/Kitchen/Cookware", 25, 399,
                    List.of("Le Creuset", "Lodge", "T-fal", "Calphalon", "All-Clad"),
                    List.of("Cast Iron Skillet 12-inch", "Nonstick Cookware Set 10-Piece", "Enameled Dutch Oven 5.5 qt",
                            "Stainless Steel Saucepan 3 qt")),
            new LeafSpec("Home & Kitchen/Kitchen/Small Appliances", 29, 599,
                    List.of("Instant Pot", "Ninja", "KitchenAid", "Breville", "Cuisinart"),
                    List.of("Electric Pressure Cooker 6 qt", "Air Fryer 5.5 qt", "Stand Mixer 5 qt",
                            "Espresso Machine with Milk Frother", "High-Speed Blender")),
            new LeafSpec("Home & Kitchen/Furniture/Office Chairs", 99, 1299,
                    List.of("Herman Miller", "Steelcase", "HON", "Branch", "Autonomous"),
                    List.of("Ergonomic Mesh Office Chair", "High-Back Executive Chair", "Kneeling Posture Chair")),
            new LeafSpec("Home & Kitchen/Furniture/Desks", 149, 999,
                    List.of("FlexiSpot", "Uplift", "IKEA", "Autonomous", "Fully"),
                    List.of("Electric Standing Desk 55-inch", "L-Shaped Corner Desk", "Writing Desk with Drawers")),
            new LeafSpec("Sports & Outdoors/Fitness/Weights", 29, 699,
                    List.of("Bowflex", "PowerBlock", "CAP Barbell", "Rogue", "REP Fitness"),
                    List.of("Adjustable Dumbbells 52.5 lb", "Cast Iron Kettlebell 35 lb", "Olympic Weight Plate Set 255 lb")),
            new LeafSpec("Sports & Outdoors/Fitness/Yoga", 15, 149,
                    List.of("Manduka", "Gaiam", "Lululemon", "Alo", "JadeYoga"),
                    List.of("Non-Slip Yoga Mat 6mm", "Cork Yoga Block 2-Pack", "Yoga Strap and Wheel Set")),
            new LeafSpec("Sports & Outdoors/Camping/Tents", 79, 699,
                    List.of("REI Co-op", "Coleman", "Big Agnes", "MSR", "Nemo"),
                    List.of("2-Person Backpacking Tent", "6-Person Family Camping Tent", "Ultralight 1-Person Tent")),
            new LeafSpec("Sports & Outdoors/Camping/Backpacks", 49, 399,
                    List.of("Osprey", "Deuter", "Gregory", "The North Face", "REI Co-op"),
                    List.of("65L Hiking Backpack", "28L Daypack", "Hydration Pack 3L")),
            new LeafSpec("Toys & Games/Board Games/Strategy Games", 19, 89,
                    List.of("Hasbro", "Asmodee", "Z-Man Games", "Stonemaier Games", "Days of Wonder"),
                    List.of("Strategy Board Game for 2-4 Players", "Cooperative Board Game", "Family Board Game Expansion")),
            new LeafSpec("Toys & Games/Building Sets/LEGO", 19, 849,
                    List.of("LEGO"),
                    List.of("Technic Supercar Building Set", "Star Wars Starship Building Kit", "City Police Station Set",
                            "Creator 3-in-1 Treehouse")));

    static final List<String> VARIANTS = List.of("Black", "White", "Silver", "Blue", "Graphite", "Midnight Green", "Red", "Sand");

    static final List<String> FEATURES = List.of(
            "Free shipping and 30-day returns.",
            "Lowest price we have tracked this year.",
            "Includes a two-year manufacturer warranty.",
            "Limited stock at this price.",
            "Rated 4.7 out of 5 by verified buyers.",
            "Price drop applies to all colours.",
            "Open-box item in excellent condition.",
            "Bundle includes a carrying case.");

    /** (name, e-mail local part, role, active, verified) of the demo users, in order. */
    record UserSpec(String name, String localPart, String role, boolean active, boolean verified) {
    }

    static final List<UserSpec> DEMO_USERS = List.of(
            new UserSpec("Ada Admin", "admin", "admin", true, true),
            new UserSpec("Max Moderator", "moderator", "moderator", true, true),
            new UserSpec("Alice Anders", "alice", "user", true, true),
            new UserSpec("Bob Brandt", "bob", "user", true, true),
            new UserSpec("Carol Chen", "carol", "user", true, true),
            new UserSpec("Dave Diaz", "dave", "user", true, true),
            new UserSpec("Erin Evans", "erin", "user", true, true),
            new UserSpec("Frank Fischer", "frank", "user", true, true),
            new UserSpec("Grace Gupta", "grace", "user", true, true),
            new UserSpec("Heidi Hansen", "heidi", "user", true, true),
            new UserSpec("Ivan Inactive", "ivan", "user", false, true),
            new UserSpec("Judy Unverified", "judy", "user", true, false));
}
