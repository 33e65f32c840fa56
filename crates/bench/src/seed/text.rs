//! Believable request texts, Arabic and English, per category, so titles, descriptions and
//! comments have the lengths and scripts real ones have (the `q` search and the row sizes
//! depend on it).

/// `(title, description)` templates per category code; the index picks one.
pub fn request_text(code: &str, pick: usize, unit: usize) -> (String, String) {
    let options: &[(&str, &str)] = match code {
        "PLUMBING" => &[
            (
                "Leaking kitchen sink",
                "Water drips under the kitchen sink and the cabinet floor is wet.",
            ),
            (
                "تسرب في الحمام",
                "يوجد تسرب مياه مستمر من خلاط الحمام الرئيسي ويحتاج إلى إصلاح عاجل.",
            ),
            (
                "Blocked drain",
                "The shower drain is blocked and water stays in the tray for an hour.",
            ),
        ],
        "ELECTRICAL" => &[
            (
                "Power socket not working",
                "Two sockets in the living room have no power since yesterday.",
            ),
            (
                "انقطاع الكهرباء في غرفة النوم",
                "الإضاءة والمقابس في غرفة النوم لا تعمل بعد انقطاع القاطع.",
            ),
            (
                "Flickering lights",
                "The corridor lights flicker all evening and one bulb burnt out.",
            ),
        ],
        "HVAC" => &[
            (
                "AC not cooling",
                "The split unit in the master bedroom blows warm air all day.",
            ),
            (
                "المكيف لا يبرد",
                "المكيف المركزي في الصالة يعمل ولكن الهواء غير بارد منذ يومين.",
            ),
            (
                "Noisy air conditioner",
                "The outdoor unit makes a loud rattling noise at night.",
            ),
        ],
        "STRUCTURAL" => &[
            (
                "Crack in the wall",
                "A crack has opened above the balcony door and is getting longer.",
            ),
            (
                "تشققات في السقف",
                "ظهرت تشققات في سقف المطبخ مع آثار رطوبة واضحة.",
            ),
        ],
        "SECURITY" => &[
            (
                "Door lock broken",
                "The main door lock does not close properly and the key sticks.",
            ),
            (
                "كاميرا المدخل معطلة",
                "كاميرا المراقبة عند مدخل المبنى لا تعمل منذ أسبوع.",
            ),
        ],
        "CLEANING" => &[
            (
                "Stairwell needs cleaning",
                "The stairwell between floors two and four has not been cleaned.",
            ),
            (
                "تنظيف خزان المياه",
                "نرجو تنظيف خزان المياه العلوي فالمياه تحتوي على رواسب.",
            ),
        ],
        _ => &[
            (
                "Water flooding the corridor",
                "Water is flooding the corridor from the unit above, urgent.",
            ),
            (
                "رائحة غاز",
                "توجد رائحة غاز قوية بالقرب من المطبخ ونحتاج إلى فحص فوري.",
            ),
        ],
    };
    let (title, description) = options[pick % options.len()];
    (
        format!("{title} ({unit})"),
        format!("{description} Unit {unit}."),
    )
}

const COMMENTS: [&str; 6] = [
    "Any update on this please?",
    "متى سيحضر الفني؟",
    "Technician will visit tomorrow morning.",
    "تم طلب قطعة الغيار وسيتم التركيب عند وصولها.",
    "Checked on site, needs a replacement part.",
    "شكراً لكم على سرعة الاستجابة.",
];

pub fn comment(pick: usize) -> &'static str {
    COMMENTS[pick % COMMENTS.len()]
}

const REASONS: [&str; 4] = [
    "Duplicate of an earlier request.",
    "خارج نطاق الصيانة المشمولة بالعقد.",
    "Not a maintenance issue; forwarded to the property office.",
    "لم يعد مطلوباً.",
];

pub fn reason(pick: usize) -> &'static str {
    REASONS[pick % REASONS.len()]
}
