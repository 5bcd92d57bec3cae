//! A compact list of common passwords: the ones attackers try first. Compared case-insensitively.
//!
//! Drawn from the well-known public lists (the top of SecLists' "10k most common", RockYou, and the
//! CSDN leak for the Chinese sites), keeping only entries of at least 8 characters.

/// Sorted (byte order, for `binary_search`), lower-case, unique, each at least 8 characters
/// (shorter ones fail the length rule anyway).
#[rustfmt::skip]
static COMMON: &[&str] = &[
    "!qaz2wsx", "00000000", "000000000", "0000000000", "0123456789", "10101010", "110110110",
    "11111111", "111111111", "1111111111", "11223344", "11235813", "12121212", "123123123",
    "123321123", "12341234", "123456123", "12345678", "123456789", "1234567890", "12345678910",
    "123456789a", "123456aa", "123456abc", "12345qwert", "1234abcd", "1234qwer", "123654789",
    "123qweasd", "123qweasdzxc", "12qwaszx", "13131313", "147258369", "18436572", "19691969",
    "19841984", "1a2b3c4d", "1passwor", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx",
    "1qaz2wsx3edc", "1qaz@wsx", "1qazxsw2", "1x2zkg8w", "21122112", "21212121", "22222222",
    "23232323", "31415926", "33333333", "44444444", "50spanks", "51505150", "5201314520",
    "55555555", "55bgates", "66666666", "69696969", "77777777", "789456123", "87654321", "88888888",
    "8j4ye3uz", "98765432", "987654321", "99999999", "a12345678", "a123456789", "a1b2c3d4",
    "aa123456", "aaaaaaaa", "aardvark", "abc12345", "abc123456", "abcd1234", "abcdefgh", "aberdeen",
    "abnormal", "absolute", "absolutely", "access14", "achilles", "admin123", "administrator",
    "adrienne", "airborne", "airforce", "airplane", "albatros", "alejandr", "alexande", "alexander",
    "alexandr", "alliance", "alphabet", "america1", "american", "amsterda", "anaconda", "andyod22",
    "angelica", "angelina", "animated", "annabell", "anthony1", "anything", "apollo13", "applepie",
    "aquarius", "armstron", "arsenal1", "asdasdasd", "asdf1234", "asdfasdf", "asdfghjk",
    "asdfghjkl", "ashleigh", "assassin", "asshole1", "atlantic", "atlantis", "attitude", "augustus",
    "australi", "avalanch", "babybaby", "babyblue", "babydoll", "babyface", "babygirl", "babygirl1",
    "babylon5", "barcelon", "barefoot", "baseball", "baseball1", "basketba", "bbbbbbbb", "bearbear",
    "beatrice", "beautifu", "beautiful", "beefcake", "beerbeer", "benjamin", "bigblock", "bigdaddy",
    "bigmoney", "billybob", "billyboy", "binladen", "birthday", "blackbir", "blackcat", "blackdog",
    "blackhaw", "blackjac", "blackman", "blink182", "blizzard", "bluebird", "blueblue", "blueeyes",
    "bluefish", "bluemoon", "bobafett", "bobdylan", "bollocks", "bonehead", "borussia", "brandon1",
    "brewster", "brigitte", "brittany", "brittney", "broadway", "broncos1", "brooklyn", "brothers",
    "browning", "brucelee", "buckeyes", "buckshot", "buddyboy", "budlight", "budweise", "bulldog1",
    "bulldogs", "bullseye", "bullshit", "business", "butterfl", "butterfly", "butthead", "cadillac",
    "caliente", "californ", "caligula", "callaway", "candyman", "captain1", "cardinal", "care1839",
    "carolina", "caroline", "casanova", "catalina", "catherin", "catwoman", "cavalier", "cccccccc",
    "cerberus", "chainsaw", "champion", "changeme", "chargers", "charles1", "charlie1", "charlott",
    "charlton", "chelsea1", "chemical", "cherokee", "chestnut", "chevelle", "chevrole", "cheyenne",
    "chicago1", "chicken1", "chickens", "children", "chocolat", "chocolate", "chocolate1",
    "choochoo", "chrisbln", "christia", "christian", "christie", "christin", "christina",
    "christine", "christma", "christop", "chrysler", "chuckles", "cinnamon", "clarence", "clarinet",
    "classics", "claymore", "clevelan", "clifford", "cocacola", "coldbeer", "colombia", "colorado",
    "coltrane", "columbia", "columbus", "commando", "computer", "concrete", "confused", "consumer",
    "contains", "coolcool", "cooldude", "coolness", "corleone", "corvette", "costello", "cosworth",
    "courtney", "cowboys1", "crazybab", "creative", "creature", "criminal", "cristina", "crusader",
    "crystal1", "danielle", "dannyboy", "darkness", "darkside", "darkstar", "davidson", "dddddddd",
    "deadhead", "dearbook", "december", "deeznuts", "deeznutz", "defender", "deftones", "delaware",
    "designer", "devildog", "diamond1", "diamonds", "dickhead", "dietcoke", "digital1", "dilligaf",
    "dingdong", "dinosaur", "director", "dirtbike", "discover", "doberman", "dodgeram", "doghouse",
    "dolphin1", "dolphins", "doughboy", "downtown", "dragonba", "drowssap", "dutchess", "earnhard",
    "earthlink", "eastside", "eeeeeeee", "einstein", "electric", "electron", "elephant", "elizabet",
    "elizabeth", "emmanuel", "engineer", "enterpri", "enterprise", "eternity", "excalibu",
    "experience", "explorer", "faithful", "fantasia", "fantasies", "farscape", "fastball",
    "february", "fernando", "ferrari1", "ffffffff", "fireball", "fishhead", "fishing1", "flamingo",
    "fletcher", "flexible", "florida1", "flounder", "football", "football1", "fordf150", "formula1",
    "fountain", "franklin", "freckles", "frederic", "fredfred", "freedom1", "freefall", "freepass",
    "freeuser", "front242", "frontier", "fuck_inside", "fuckfuck", "fuckinside", "fuckthis",
    "fuckyou1", "fuckyou2", "fullmoon", "galeries", "gamecock", "gandalf1", "gangster", "garfield",
    "gargoyle", "gateway1", "genesis1", "geoffrey", "geronimo", "getsdown", "giovanni", "girfriend",
    "gladiato", "godfathe", "godsmack", "godzilla", "goldberg", "goldfish", "goldstar", "goldwing",
    "golfball", "golfgolf", "goodluck", "goodtime", "gordon24", "gotohell", "graphics", "grateful",
    "greatone", "greenbay", "greenday", "guardian", "guinness", "gymnastic", "hahahaha", "halflife",
    "hamilton", "handsome", "handyman", "hannibal", "happy123", "happyday", "hardcore", "hardrock",
    "harrison", "hastings", "hawaiian", "hawkeyes", "hayabusa", "heather1", "hedgehog", "heineken",
    "hello123", "hellyeah", "hercules", "herewego", "heritage", "hhhhhhhh", "highheel", "highland",
    "hollywoo", "hollywood", "holyshit", "homemade", "homepage", "hongkong", "hoosiers", "hopeless",
    "hotstuff", "hounddog", "hurrican", "hyperion", "icecream", "icehouse", "ihateyou", "iiiiiiii",
    "illinois", "iloveyou", "iloveyou1", "iloveyou123", "iloveyou2", "immortal", "imperial",
    "infantry", "infiniti", "infinity", "insanity", "internet", "intrepid", "intruder", "isabella",
    "isabelle", "islander", "james007", "jamesbon", "jamesbond", "japanees", "jasmine1", "jayhawks",
    "jefferso", "jellybea", "jennifer", "jeremiah", "jessica1", "jiggaman", "johnjohn", "jonathan",
    "jordan23", "juliette", "just4fun", "juventus", "kamikaze", "kangaroo", "katherin", "kathleen",
    "kawasaki", "kcj9wx5n", "kentucky", "kenworth", "keyboard", "keystone", "killbill", "kimberly",
    "kingfish", "kingkong", "kingston", "kittycat", "kittykat", "kkkkkkkk", "knickers", "kristina",
    "lacrosse", "lancelot", "lasvegas", "laurence", "lawrence", "leonardo", "letmein1",
    "letmein123", "letmein2", "lifehack", "lightnin", "limewire", "lionking", "lipstick",
    "lisalisa", "liverpoo", "liverpool", "llllllll", "logitech", "lollipop", "lonesome", "lonestar",
    "lonewolf", "longhorn", "longjohn", "lorraine", "lovelove", "loverboy", "lowrider", "luckydog",
    "macdaddy", "madeline", "madison1", "magazine", "magician", "magicman", "magnolia", "majestic",
    "makaveli", "manchest", "manchester", "mandingo", "maradona", "marathon", "marcius2",
    "margaret", "marianne", "mariners", "marino13", "marlboro", "martinez", "maryjane", "maryland",
    "matthew1", "matthews", "maverick", "maxwell1", "mcdonald", "meatball", "meathead", "meatloaf",
    "mechanic", "medicine", "megadeth", "megapass", "megatron", "melissa1", "meowmeow", "mephisto",
    "mercedes", "meridian", "metallic", "metallica", "michael1", "michael2", "michaela", "michelle",
    "michigan", "microsof", "microsoft", "midnight", "mikemike", "military", "millions", "millwall",
    "minimoni", "misfit99", "missouri", "mmmmmmmm", "mobydick", "modelsne", "monalisa", "moneyman",
    "mongoose", "monkeybo", "monopoly", "monster1", "montreal", "moonbeam", "moonligh", "morpheus",
    "mortimer", "motorola", "mountain", "munchkin", "mushroom", "musicman", "mustang1", "mustangs",
    "myxworld", "napoleon", "nathalie", "national", "ncc1701a", "ncc1701d", "ncc1701e", "nebraska",
    "nemrac58", "netscape", "newcastl", "newpass6", "newyork1", "nicholas", "nineinch", "nintendo",
    "nocturne", "northern", "november", "nwo4life", "nygiants", "oklahoma", "oooooooo", "operator",
    "original", "overkill", "overlord", "p@ssw0rd", "p@ssword", "pa55w0rd", "pa55word", "packers1",
    "paintbal", "pakistan", "panasoni", "panther1", "panthers", "paradigm", "paradise", "paramedi",
    "paranoid", "pass1234", "passpass", "passport", "passw0rd", "passwor1", "password", "password!",
    "password1", "password12", "password123", "password1234", "password2", "passwords", "passwort",
    "patricia", "patrick1", "patriots", "pavilion", "pearljam", "peekaboo", "penelope", "penguins",
    "personal", "pertinant", "peterpan", "pharmacy", "philippe", "phillies", "phillips", "pianoman",
    "pineappl", "pingpong", "pinkfloy", "pipeline", "platinum", "platypus", "playboy1", "playstat",
    "playtime", "pleasure", "plymouth", "poohbear", "pool6123", "pooppoop", "porkchop", "porsche1",
    "porsche9", "portland", "portugal", "poseidon", "pppppppp", "preacher", "precious", "predator",
    "presario", "presiden", "princess", "princess1", "property", "pumpkins", "punisher", "punkrock",
    "pussycat", "q1w2e3r4", "q1w2e3r4t5", "qazwsxed", "qazwsxedc", "qq123456", "qqqqqqqq",
    "quant4307s", "qweasdzxc", "qwer1234", "qwerasdf", "qwerqwer", "qwerty12", "qwerty123",
    "qwerty1234", "qwertyui", "qwertyuiop", "qwertyuiop123", "r2d2c3po", "radiohea", "raiders1",
    "raistlin", "rasputin", "rebecca1", "recovery", "reddevil", "redskins", "redwings", "remember",
    "renegade", "research", "reynolds", "rhiannon", "richard1", "richards", "richmond", "rightnow",
    "roadkill", "roadking", "roadrunn", "roadster", "robinson", "robotech", "rockford", "rockhard",
    "rolltide", "rosemary", "rrrrrrrr", "rt6ytere", "rush2112", "sailboat", "samantha", "sandiego",
    "sandrine", "sandwich", "santiago", "sapphire", "saratoga", "satan666", "saturday", "savannah",
    "scandinavian", "scarface", "scarlett", "scoobydo", "scooter1", "scorpio1", "scorpion",
    "scotland", "scrabble", "seahawks", "sebastia", "sebastian", "security", "seductive",
    "seinfeld", "seminole", "semperfi", "senators", "sentnece", "septembe", "serenity", "sergeant",
    "sexygirl", "sexysexy", "shamrock", "shannon1", "shepherd", "sherlock", "sherwood", "shithead",
    "shopping", "showtime", "silverad", "simpsons", "sinister", "sithlord", "skittles", "skywalke",
    "skywalker", "slapshot", "slipknot", "slippery", "smashing", "smeghead", "smoothie", "sneakers",
    "snickers", "snoopdog", "snowball", "snowboar", "snowflak", "softball", "software", "solution",
    "somethin", "soulmate", "southern", "southpar", "spaceman", "spartans", "specialk", "spectrum",
    "spiderma", "spiderman", "spitfire", "splinter", "squirrel", "srinivas", "ssssssss", "stallion",
    "starbuck", "starcraf", "stardust", "starfire", "starfish", "stargate", "starligh", "starship",
    "startrek", "starwars", "steelers", "stefanie", "stephani", "stephanie", "sterling", "stingray",
    "stocking", "stonecol", "stonecold", "stranger", "streaming", "strength", "stripper",
    "sullivan", "summer99", "sunflowe", "sunnyday", "sunshine", "sunshine1", "superfly", "superman",
    "superman1", "supersta", "sweetnes", "sweetpea", "swimming", "swinging", "swordfis",
    "swordfish", "syracuse", "tacobell", "tarheels", "tazmania", "techniques", "teddybea",
    "telephon", "temppass", "temptress", "terminal", "terrapin", "test1234", "testing1", "testpass",
    "testtest", "thailand", "thanatos", "thankyou", "thedoors", "thegreat", "theodore", "thirteen",
    "thompson", "thuglife", "thumbnils", "thunder1", "thunderb", "thursday", "tiberius", "ticklish",
    "tiffany1", "tinkerbe", "titanium", "titleist", "together", "tommyboy", "tomorrow", "tottenha",
    "touching", "trailers", "training", "traveler", "treasure", "trombone", "truelove", "trustno1",
    "tttttttt", "tunafish", "turkey50", "twilight", "ultimate", "unbelievable", "underdog",
    "undertak", "underwear", "universe", "ursitesux", "username", "uuuuuuuu", "vacation",
    "valencia", "valentin", "valhalla", "valkyrie", "vampires", "vanhalen", "verbatim", "veronica",
    "victoria", "vikings1", "virginia", "vladimir", "volkswag", "warcraft", "wareagle", "warrior1",
    "warriors", "washingt", "waterloo", "webmaste", "webmaster", "welcome1", "welcome123",
    "werewolf", "westside", "whatever", "whiteout", "whitesox", "whocares", "wildbill", "wildcard",
    "wildcats", "william1", "williams", "windsurf", "winston1", "wireless", "wishbone",
    "woaini1314", "wolfgang", "wolfpack", "wolverin", "wolverine", "wonderboy", "woofwoof",
    "wordpass", "wp2003wp", "wrangler", "wrestlin", "wrinkle1", "wwwwwwww", "xiazhili", "xxxxxxxx",
    "yankees1", "yeahbaby", "yosemite", "yyyyyyyy", "zaq12wsx", "zaq1zaq1", "zeppelin", "zerocool",
    "zzzzzzzz",
];

/// Whether `password` is on the list (case-insensitive).
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    COMMON.binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_lower_case_and_long_enough() {
        assert!(COMMON.len() >= 500, "only {} entries", COMMON.len());
        for pair in COMMON.windows(2) {
            assert!(pair[0] < pair[1], "not sorted or not unique: {pair:?}");
        }
        for entry in COMMON {
            assert_eq!(*entry, entry.to_lowercase(), "not lower-case: {entry}");
            assert!(entry.chars().count() >= 8, "shorter than 8: {entry}");
            assert!(!entry.chars().any(char::is_whitespace), "whitespace in {entry:?}");
        }
    }

    #[test]
    fn password_is_common() {
        for common in ["password", "12345678", "iloveyou", "qwertyuiop", "1qaz2wsx", "trustno1"] {
            assert!(is_common(common), "{common}");
        }
    }

    #[test]
    fn case_does_not_matter() {
        assert!(is_common("PassWord"));
        assert!(is_common("PASSWORD1"));
        assert!(is_common("IloveYou"));
    }

    #[test]
    fn the_first_and_last_entries_are_found() {
        assert!(is_common(COMMON[0]));
        assert!(is_common(COMMON[COMMON.len() - 1]));
    }

    #[test]
    fn an_uncommon_password_is_not_common() {
        assert!(!is_common("correct horse battery staple"));
        assert!(!is_common("Tr0ub4dor&3-xyzzy"));
        assert!(!is_common(""));
    }

    #[test]
    fn a_near_miss_is_not_common() {
        // Whitespace is part of the password: the list holds exact entries only.
        assert!(!is_common(" password"));
        assert!(!is_common("password "));
        assert!(!is_common("passwordx"));
    }
}
