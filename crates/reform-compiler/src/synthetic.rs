//! A synthetic corpus in exactly the seeds' formats, to measure the compiler at national
//! scale (China has 2844 county-level divisions). Documents imitate the real ones: the
//! three header layouts of the seeds, numbered items in `1.` `1、` `1. ` `一、` styles under
//! `一、` / `(一)` headings, and responsibility written as trailing brackets, sentences
//! (`此项工作由A牵头,B配合…`) or label lines — text composed from a policy vocabulary.
//!
//! Deterministic: the same shape and seed give the same bytes, so timings compare across
//! changes. Each district draws from its own random stream, so a district's files do not
//! depend on how many districts are generated.

use std::fmt::{self, Write as _};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How large a corpus to generate, and from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorpusShape {
    /// Number of districts (county-level divisions), each with its own units.
    pub districts: u32,
    /// Number of consecutive years from [`FIRST_YEAR`], one document per district and year.
    pub years: u16,
    /// Seed of every pseudo-random choice.
    pub seed: u64,
}

impl Default for CorpusShape {
    /// National scale: 2844 districts × 10 years, seed 1.
    fn default() -> CorpusShape {
        CorpusShape {
            districts: 2844,
            years: 10,
            seed: 1,
        }
    }
}

/// Most districts a corpus may have: district names stay unique up to here.
pub const MAX_DISTRICTS: u32 = 200_000;
/// Most years a corpus may span.
pub const MAX_YEARS: u16 = 100;
/// The year of every corpus's first documents.
pub const FIRST_YEAR: u16 = 2011;

impl CorpusShape {
    /// Why this shape cannot be generated, if it cannot.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=MAX_DISTRICTS).contains(&self.districts) {
            return Err(format!("--districts must be between 1 and {MAX_DISTRICTS}"));
        }
        if !(1..=MAX_YEARS).contains(&self.years) {
            return Err(format!("--years must be between 1 and {MAX_YEARS}"));
        }
        Ok(())
    }
}

/// What [`generate`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeneratedCorpus {
    /// Documents written under `documents/`, all listed in `catalog.toml`.
    pub documents: usize,
    /// Numbered items in them: what the compiler must find.
    pub items: usize,
    /// Bytes of document text.
    pub source_bytes: u64,
    /// Units in `units.toml`.
    pub units: usize,
    /// Progress records in `progress.toml`.
    pub progress_events: usize,
    /// Lineage links in `lineage.toml`.
    pub lineage_links: usize,
    /// Theme memberships in `themes.toml`, summed over themes.
    pub theme_items: usize,
}

/// A file that could not be written, or an output folder that is not empty.
#[derive(Debug)]
pub struct GenerateError {
    /// The file or folder concerned.
    pub path: PathBuf,
    /// The system's reason.
    pub error: io::Error,
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

/// Writes a corpus of `shape` into the folder `out`, which must be new or empty (the
/// generator never overwrites, so it cannot clobber the real seeds).
pub fn generate(out: &Path, shape: &CorpusShape) -> Result<GeneratedCorpus, GenerateError> {
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |error| GenerateError { path, error }
    };
    if let Ok(mut entries) = fs::read_dir(out) {
        if entries.next().is_some() {
            return Err(GenerateError {
                path: out.to_path_buf(),
                error: io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the folder is not empty; give a new or empty folder",
                ),
            });
        }
    }
    let documents_folder = out.join("documents");
    fs::create_dir_all(&documents_folder).map_err(fail(&documents_folder))?;

    let mut files = CuratedFiles::default();
    let mut summary = GeneratedCorpus::default();
    for index in 0..shape.districts {
        let district = District::new(index, shape.seed);
        files.add_district(&district);
        summary.units += district.units.len();
        let mut random = Random::new(shape.seed, u64::from(index) + 1);
        let mut previous: Option<WrittenDocument> = None;
        for year in FIRST_YEAR..FIRST_YEAR + shape.years {
            let document = compose_document(&district, year, previous.as_ref(), &mut random);
            let path = documents_folder.join(format!("{}.txt", document.id));
            fs::write(&path, &document.text).map_err(fail(&path))?;
            summary.documents += 1;
            summary.items += document.items.len();
            summary.source_bytes += document.text.len() as u64;
            files.add_document(&district, &document);
            if let Some(earlier) = &previous {
                files.add_references(earlier, &document);
            }
            previous = Some(document);
        }
    }
    summary.progress_events = files.progress_events;
    summary.lineage_links = files.lineage_links;
    summary.theme_items = files.themes.iter().map(Vec::len).sum();
    for (name, text) in files.into_texts() {
        let path = out.join(name);
        fs::write(&path, text).map_err(fail(&path))?;
    }
    Ok(summary)
}

/// SplitMix64: tiny, fast and well mixed; enough to vary texts, never for secrets.
struct Random {
    state: u64,
}

impl Random {
    /// An independent stream per `stream` number under one `seed`.
    fn new(seed: u64, stream: u64) -> Random {
        let mut random = Random {
            state: seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03),
        };
        random.next();
        random
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One element of a vocabulary; every vocabulary here is a non-empty constant.
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }
}

/// Characters of place names: no numerals (a name must never read as an item marker), no
/// `等` (which splits unit lists) and no `年` (which dates titles).
const PLACE_CHARACTERS: [char; 64] = [
    '东', '西', '南', '北', '河', '山', '江', '湖', '阳', '平', '安', '宁', '城', '林', '泉', '海',
    '华', '明', '兴', '新', '龙', '凤', '云', '桥', '水', '石', '清', '光', '昌', '永', '宝', '金',
    '盛', '嘉', '福', '德', '丰', '和', '源', '溪', '岭', '田', '沙', '洲', '港', '松', '柏', '梅',
    '兰', '青', '白', '红', '黄', '长', '广', '远', '大', '高', '上', '中', '文', '武', '仁', '通',
];

/// A unique place name for `index`: two characters for the first 4096, three after.
/// Multiplying by an odd number is a bijection modulo a power of two, which scatters
/// consecutive indexes over the alphabet while keeping names unique.
fn place_name(index: u32, salt: u32) -> String {
    let (length, space) = if index < 4096 {
        (2, 4096u64)
    } else {
        (3, 262_144u64)
    };
    let mut code = (u64::from(index) * 2_654_435_761 + u64::from(salt) * 977) % space;
    let mut name = String::new();
    for _ in 0..length {
        name.push(PLACE_CHARACTERS[(code % 64) as usize]);
        code /= 64;
    }
    name
}

/// One generated district with its units.
struct District {
    /// Catalog id, e.g. `d0042`.
    id: String,
    /// Place name without the level, e.g. `东山`.
    short: String,
    /// Full name, e.g. `东山区` or `东山县`.
    name: String,
    /// The prefecture-level city it belongs to, e.g. `华阳市` (one per ten districts).
    city: String,
    /// `区` for urban districts, `县` for counties: the prefix of its units' names.
    level: char,
    /// Number for English names.
    index: u32,
    /// Registered units, in registry order.
    units: Vec<GeneratedUnit>,
    /// Names of the district leaders who lead reform items.
    leaders: Vec<String>,
}

/// A unit as it goes into `units.toml`.
struct GeneratedUnit {
    id: String,
    name: String,
    aliases: Vec<String>,
    former_names: Vec<String>,
    kind: &'static str,
    name_en: &'static str,
}

impl District {
    fn new(index: u32, seed: u64) -> District {
        let mut random = Random::new(seed, u64::from(index).wrapping_add(1 << 40));
        let level = if random.chance(30) { '县' } else { '区' };
        let short = place_name(index, 0);
        let city = format!("{}市", place_name(index / 10, 1));
        let id = format!("d{index:04}");
        let expand = |template: &str| {
            template
                .replace("{L}", level.encode_utf8(&mut [0; 4]))
                .replace("{S}", &short)
        };
        let units = UNIT_TEMPLATES
            .iter()
            .filter(|template| template.level.is_none_or(|only| only == level))
            .map(|template| GeneratedUnit {
                id: format!("{id}-{}", template.slug),
                name: expand(template.name),
                aliases: template.aliases.iter().map(|alias| expand(alias)).collect(),
                former_names: template
                    .former_names
                    .iter()
                    .map(|old| expand(old))
                    .collect(),
                kind: template.kind,
                name_en: template.name_en,
            })
            .collect();
        let leaders = (0..4)
            .map(|_| {
                let mut name = String::new();
                name.push(random.pick(&SURNAMES));
                name.push(random.pick(&GIVEN_NAMES));
                if random.chance(70) {
                    name.push(random.pick(&GIVEN_NAMES));
                }
                name
            })
            .collect();
        District {
            name: format!("{short}{level}"),
            id,
            short,
            city,
            level,
            index,
            units,
            leaders,
        }
    }

    /// How the district's leaders are labelled: only urban districts have `区领导`.
    fn leader_label(&self) -> &'static str {
        if self.level == '区' {
            "牵头区领导"
        } else {
            "责任领导"
        }
    }
}

/// A registry unit every district has; `{L}` stands for 区/县, `{S}` for the place name.
struct UnitTemplate {
    slug: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    former_names: &'static [&'static str],
    kind: &'static str,
    name_en: &'static str,
    /// Only districts of this level have the unit.
    level: Option<char>,
}

const fn unit(
    slug: &'static str,
    name: &'static str,
    kind: &'static str,
    name_en: &'static str,
) -> UnitTemplate {
    UnitTemplate {
        slug,
        name,
        aliases: &[],
        former_names: &[],
        kind,
        name_en,
        level: None,
    }
}

const PARTY: &str = "party_organ";
const GOVERNMENT: &str = "government_department";
const INSTITUTION: &str = "public_institution";
const MASS: &str = "mass_organisation";

const UNIT_TEMPLATES: [UnitTemplate; 39] = [
    UnitTemplate {
        aliases: &["{L}委办公室"],
        ..unit(
            "party-office",
            "{L}委办",
            PARTY,
            "General Office of the Party Committee",
        )
    },
    UnitTemplate {
        aliases: &["{L}委组织部(编办)", "{L}委组织部({L}编办)"],
        ..unit(
            "organisation-department",
            "{L}委组织部",
            PARTY,
            "Organisation Department",
        )
    },
    unit(
        "publicity-department",
        "{L}委宣传部",
        PARTY,
        "Publicity Department",
    ),
    unit(
        "united-front-department",
        "{L}委统战部",
        PARTY,
        "United Front Work Department",
    ),
    unit(
        "political-legal-commission",
        "{L}委政法委",
        PARTY,
        "Political and Legal Affairs Commission",
    ),
    UnitTemplate {
        aliases: &["{L}纪委({L}监察委)"],
        ..unit(
            "discipline-commission",
            "{L}纪委",
            PARTY,
            "Commission for Discipline Inspection",
        )
    },
    unit(
        "establishment-office",
        "{L}编办",
        PARTY,
        "Institutional Establishment Office",
    ),
    unit(
        "social-work-committee",
        "{L}社工委",
        PARTY,
        "Social Work Committee",
    ),
    unit(
        "peoples-congress-office",
        "{L}人大办",
        "peoples_congress",
        "Office of the People's Congress Standing Committee",
    ),
    unit(
        "cppcc-office",
        "{L}政协办",
        "cppcc",
        "Office of the CPPCC Committee",
    ),
    UnitTemplate {
        aliases: &["{S}法院"],
        ..unit("court", "{L}法院", "court", "People's Court")
    },
    unit(
        "procuratorate",
        "{L}检察院",
        "procuratorate",
        "People's Procuratorate",
    ),
    UnitTemplate {
        aliases: &["{L}发展和改革局"],
        ..unit(
            "development-reform-bureau",
            "{L}发改局",
            GOVERNMENT,
            "Development and Reform Bureau",
        )
    },
    unit("finance-bureau", "{L}财政局", GOVERNMENT, "Finance Bureau"),
    unit(
        "education-bureau",
        "{L}教育局",
        GOVERNMENT,
        "Education Bureau",
    ),
    unit(
        "civil-affairs-bureau",
        "{L}民政局",
        GOVERNMENT,
        "Civil Affairs Bureau",
    ),
    UnitTemplate {
        aliases: &["{L}人力局"],
        ..unit(
            "human-resources-bureau",
            "{L}人力资源局",
            GOVERNMENT,
            "Human Resources Bureau",
        )
    },
    UnitTemplate {
        former_names: &["{L}法制办"],
        ..unit("justice-bureau", "{L}司法局", GOVERNMENT, "Justice Bureau")
    },
    UnitTemplate {
        aliases: &["{L}住建局"],
        ..unit(
            "housing-construction-bureau",
            "{L}住房建设局",
            GOVERNMENT,
            "Housing and Construction Bureau",
        )
    },
    UnitTemplate {
        aliases: &["{L}卫健局"],
        former_names: &["{L}卫生计生局"],
        ..unit(
            "health-bureau",
            "{L}卫生健康局",
            GOVERNMENT,
            "Health Bureau",
        )
    },
    UnitTemplate {
        aliases: &["{L}文体局"],
        ..unit(
            "culture-sports-bureau",
            "{L}文化体育局",
            GOVERNMENT,
            "Culture and Sports Bureau",
        )
    },
    unit(
        "urban-management-bureau",
        "{L}城管局",
        GOVERNMENT,
        "Urban Management Bureau",
    ),
    UnitTemplate {
        aliases: &["{L}经促局"],
        ..unit(
            "economic-promotion-bureau",
            "{L}经济促进局",
            GOVERNMENT,
            "Economic Promotion Bureau",
        )
    },
    unit(
        "science-innovation-bureau",
        "{L}科技创新局",
        GOVERNMENT,
        "Science, Technology and Innovation Bureau",
    ),
    UnitTemplate {
        former_names: &["{L}安监局"],
        ..unit(
            "emergency-management-bureau",
            "{L}应急管理局",
            GOVERNMENT,
            "Emergency Management Bureau",
        )
    },
    unit(
        "letters-calls-bureau",
        "{L}信访局",
        GOVERNMENT,
        "Letters and Calls Bureau",
    ),
    unit("audit-bureau", "{L}审计局", GOVERNMENT, "Audit Bureau"),
    unit(
        "statistics-bureau",
        "{L}统计局",
        GOVERNMENT,
        "Statistics Bureau",
    ),
    unit(
        "development-research-centre",
        "{L}发展研究中心",
        INSTITUTION,
        "Development Research Centre",
    ),
    unit(
        "government-services-centre",
        "{L}政务服务中心",
        INSTITUTION,
        "Government Services Centre",
    ),
    unit(
        "information-centre",
        "{L}信息中心",
        INSTITUTION,
        "Information Centre",
    ),
    unit(
        "trade-union-federation",
        "{L}总工会",
        MASS,
        "Federation of Trade Unions",
    ),
    unit(
        "youth-league",
        "团{L}委",
        MASS,
        "Communist Youth League Committee",
    ),
    unit("womens-federation", "{L}妇联", MASS, "Women's Federation"),
    unit(
        "disabled-persons-federation",
        "{L}残联",
        MASS,
        "Disabled Persons' Federation",
    ),
    unit(
        "public-security-branch",
        "{S}公安分局",
        "city_branch",
        "Public Security Sub-bureau",
    ),
    unit(
        "market-supervision-branch",
        "市市场监管局{S}分局",
        "city_branch",
        "Market Supervision Branch",
    ),
    UnitTemplate {
        aliases: &["各街道办", "各街道办事处"],
        level: Some('区'),
        ..unit(
            "street-offices",
            "各街道",
            "collective",
            "All street offices",
        )
    },
    UnitTemplate {
        aliases: &["各乡镇人民政府"],
        level: Some('县'),
        ..unit("townships", "各乡镇", "collective", "All townships")
    },
];

/// Phrases that name no particular body, as in the seeds.
const FILLER: [&str; 7] = [
    "各相关单位",
    "各有关单位",
    "区各有关单位",
    "县各有关单位",
    "各相关职能部门",
    "等各有关单位",
    "等单位",
];

const SURNAMES: [char; 20] = [
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭',
    '何', '林', '罗', '高',
];
const GIVEN_NAMES: [char; 30] = [
    '宏', '彬', '电', '雄', '卫', '翔', '志', '文', '建', '国', '明', '华', '军', '平', '伟', '强',
    '丽', '敏', '静', '海', '涛', '斌', '峰', '磊', '洋', '勇', '艳', '杰', '娟', '超',
];

const VERBS: [&str; 24] = [
    "深化",
    "推进",
    "完善",
    "健全",
    "探索",
    "加快",
    "创新",
    "建立",
    "优化",
    "加强",
    "全面推行",
    "稳步推进",
    "积极推动",
    "试点开展",
    "规范",
    "提升",
    "统筹推进",
    "改进",
    "构建",
    "落实",
    "扎实推进",
    "试行",
    "推广",
    "强化",
];
const FIELDS: [&str; 60] = [
    "行政审批",
    "商事登记",
    "社区治理",
    "社会组织",
    "公立医院",
    "基础教育",
    "财政预算",
    "政府购买服务",
    "网格化管理",
    "城市更新",
    "住房保障",
    "人才发展",
    "政务公开",
    "数字政府",
    "营商环境",
    "公共法律服务",
    "安全生产",
    "生态环境保护",
    "综合执法",
    "干部考核",
    "国有资产",
    "政府投资",
    "科技创新",
    "文化体育",
    "养老服务",
    "物业管理",
    "基层党建",
    "食品药品监管",
    "信访工作",
    "民生微实事",
    "户籍管理",
    "学前教育",
    "职业教育",
    "医疗联合体",
    "家庭医生",
    "社会救助",
    "就业创业",
    "社会保险",
    "河长制",
    "垃圾分类",
    "交通拥堵治理",
    "停车管理",
    "旧城改造",
    "土地整备",
    "产业园区",
    "中小企业服务",
    "金融服务",
    "知识产权保护",
    "市场监管",
    "消防安全",
    "应急管理",
    "志愿服务",
    "慈善事业",
    "残疾人服务",
    "妇女儿童权益",
    "青少年发展",
    "公共文化服务",
    "全民健身",
    "智慧城市",
    "统计调查",
];
const ASPECTS: [&str; 32] = [
    "制度改革",
    "体制机制",
    "管理体制",
    "服务体系",
    "监管机制",
    "标准化建设",
    "信息平台建设",
    "综合改革",
    "运行机制",
    "评价体系",
    "保障机制",
    "试点工作",
    "长效机制",
    "考核办法",
    "工作格局",
    "协同机制",
    "责任制度",
    "示范项目",
    "资源配置",
    "服务模式",
    "网络建设",
    "规范化管理",
    "准入制度",
    "激励机制",
    "督查制度",
    "公开制度",
    "投入机制",
    "应急预案",
    "队伍建设",
    "一体化改革",
    "数据共享",
    "联席会议制度",
];
const ACTIONS: [&str; 16] = [
    "全面梳理{F}相关事项",
    "制定{F}工作实施细则",
    "明确各部门职责分工",
    "建立健全{F}{A}",
    "推动资源和力量向基层下沉",
    "引入第三方专业机构参与",
    "完善信息共享和业务协同",
    "加大财政投入和政策扶持力度",
    "开展{F}试点示范",
    "简化办事流程和审批环节",
    "推行清单式管理",
    "强化事中事后监管",
    "畅通群众意见表达渠道",
    "加强督促检查和考核评估",
    "总结推广先行先试经验",
    "办理时限压缩至{N}个工作日",
];
const GOALS: [&str; 8] = [
    "切实提升服务效率和群众满意度",
    "力争年内取得阶段性成效",
    "形成可复制可推广的经验做法",
    "努力实现{F}工作规范化、标准化",
    "进一步激发市场和社会活力",
    "为城区治理现代化提供制度保障",
    "确保各项改革任务落到实处",
    "力争覆盖全{L}{N}个社区",
];
const PREAMBLES: [&str; 4] = [
    "为贯彻落实党中央、国务院和省委、市委关于全面深化改革的决策部署,进一步推动{D}改革工作,力争在重点领域和关键环节取得突破,结合{L}实际,制定本{K}。",
    "{Y}年是全面深化改革的关键之年。{D}将紧紧围绕推进治理体系和治理能力现代化的总目标,坚持问题导向,突出重点,扎实推进各项改革任务。",
    "按照“稳中求进、先行先试”的要求,{D}继续在重点领域推出一批改革项目,注重改革的系统性、整体性和协同性,让群众得到实实在在的好处。",
    "各单位要高度重视改革工作,主要负责同志要亲自抓、负总责,确保改革项目按时保质完成。",
];
const CLOSINGS: [&str; 4] = [
    "加强组织领导。各牵头单位要成立工作小组,制定具体实施方案,明确时间表和路线图。",
    "强化督查考核。{L}督查部门要定期跟踪改革进展,将改革成效纳入年度绩效考核。",
    "注重宣传引导。及时总结推广改革经验,营造全社会关心支持改革的良好氛围。",
    "抓好统筹协调。各协办单位要积极配合,形成推进改革的整体合力。",
];

/// One theme per field of [`FIELDS`] listed here: items of that field may join it.
const THEMES: [(&str, usize, &str); 8] = [
    (
        "administrative-approval",
        0,
        "Administrative approval reform",
    ),
    ("community-governance", 2, "Community governance"),
    ("social-organisations", 3, "Social organisations"),
    ("public-hospitals", 4, "Public hospital reform"),
    ("grid-management", 8, "Grid-based management"),
    ("digital-government", 13, "Digital government"),
    ("business-environment", 14, "Business environment"),
    ("property-management", 25, "Property management"),
];

/// How a document numbers its items and where the headings go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `一、` sections, items `1.` numbered through, like the 2014 plan.
    SectionsArabicDot,
    /// `一、重点改革项目`, `(一)` subsections, items `1、`, like the 2011 plan.
    SubsectionsArabicComma,
    /// Items `一、` with no headings, like the 2015 work points.
    HanItems,
    /// `一、` sections and `（一）` subsections, items `1. `, like the 2012 scheme.
    SchemeSubsections,
}

/// How an item states who is responsible.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClauseForm {
    /// `(牵头单位:A、B)`
    LeadBracket,
    /// `(牵头落实单位:A,协办单位:B、C)`
    LeadAndCoBracket,
    /// `(此项工作由A牵头,B等各有关单位配合,2014年12月底前完成。)`
    Sentence,
    /// `(责任单位:A;配合单位:B;完成时限:2014年6月底前)`
    DeadlineBracket,
    /// Lines after the item: `牵头区领导:X;` `主办单位:A;` `协办单位:B。`
    LabelLines,
}

/// Full-width or ASCII punctuation: the seeds mix both, one choice per document.
#[derive(Clone, Copy)]
struct Punctuation {
    comma: char,
    colon: char,
    open: char,
    close: char,
}

const ASCII: Punctuation = Punctuation {
    comma: ',',
    colon: ':',
    open: '(',
    close: ')',
};
const FULL_WIDTH: Punctuation = Punctuation {
    comma: '，',
    colon: '：',
    open: '（',
    close: '）',
};

/// A document as generated: its text and what the compiler should read from it.
struct WrittenDocument {
    id: String,
    kind: &'static str,
    title_en: String,
    text: String,
    /// ISO date of issue: the date progress recorded in this document carries.
    issued: String,
    items: Vec<WrittenItem>,
    /// Items of the previous year's document reported on in this one.
    reports: Vec<Report>,
    /// `(earlier item number, later item number, shared title)` continuing last year's items.
    continuations: Vec<(u32, u32, String)>,
}

/// One item as generated.
struct WrittenItem {
    number: u32,
    title: String,
    field: usize,
}

/// A progress report line about an item of the previous document.
struct Report {
    number: u32,
    delivered: bool,
    quote: String,
}

fn compose_document(
    district: &District,
    year: u16,
    previous: Option<&WrittenDocument>,
    random: &mut Random,
) -> WrittenDocument {
    let (kind, kind_slug, kind_en) = match random.below(100) {
        0..=54 => ("plan", "reform-plan", "Reform Plan"),
        55..=79 => ("work_points", "work-points", "Reform Work Points"),
        _ => ("scheme", "reform-scheme", "Reform Scheme"),
    };
    let layout = match (kind, random.below(2)) {
        ("plan", 0) => Layout::SectionsArabicDot,
        ("plan", _) => Layout::SubsectionsArabicComma,
        ("work_points", 0) => Layout::HanItems,
        ("work_points", _) => Layout::SectionsArabicDot,
        _ => Layout::SchemeSubsections,
    };
    let form = match layout {
        Layout::SubsectionsArabicComma if random.chance(70) => ClauseForm::LabelLines,
        Layout::SchemeSubsections if random.chance(70) => ClauseForm::Sentence,
        _ => random.pick(&[
            ClauseForm::LeadBracket,
            ClauseForm::LeadAndCoBracket,
            ClauseForm::Sentence,
            ClauseForm::DeadlineBracket,
        ]),
    };
    let punctuation = if random.chance(70) { ASCII } else { FULL_WIDTH };
    let title = match kind {
        "plan" => match random.below(3) {
            0 => format!("{}{}{year}年改革计划", district.city, district.name),
            1 => format!("{}{year}年重点改革计划", district.name),
            _ => format!(
                "{}{}{year}年全面深化改革工作计划",
                district.city, district.name
            ),
        },
        "work_points" => match random.below(2) {
            0 => format!(
                "{}{}{year}年度社会建设工作要点",
                district.city, district.name
            ),
            _ => format!("{}{year}年改革工作要点", district.name),
        },
        _ => format!(
            "{}{}关于{}{}{}的工作方案",
            district.city,
            district.name,
            random.pick(&VERBS),
            random.pick(&FIELDS),
            random.pick(&ASPECTS)
        ),
    };
    let issued = (
        year,
        random.between(1, 6) as u8,
        random.between(1, 28) as u8,
    );
    let mut document = WrittenDocument {
        id: format!("{year}-{}-{kind_slug}", district.id),
        kind,
        title_en: format!("District {:04} {year} {kind_en}", district.index),
        text: String::new(),
        issued: format!("{:04}-{:02}-{:02}", issued.0, issued.1, issued.2),
        items: Vec::new(),
        reports: Vec::new(),
        continuations: Vec::new(),
    };
    let text = &mut document.text;
    write_header(text, district, &title, issued, random);
    if let Some(previous) = previous {
        // Reports on last year's items, one per line, so progress records can quote them.
        for _ in 0..random.between(0, 3) {
            let Some(item) = previous.items.get(random.below(previous.items.len())) else {
                break;
            };
            if document
                .reports
                .iter()
                .any(|report| report.number == item.number)
            {
                continue;
            }
            let delivered = random.chance(60);
            let outcome = if delivered {
                "已全面完成,取得明显成效"
            } else {
                "正在有序推进"
            };
            let quote = format!("{}年确定的“{}”改革任务{outcome}", year - 1, item.title);
            text.push_str(&quote);
            text.push_str("。\n");
            document.reports.push(Report {
                number: item.number,
                delivered,
                quote,
            });
        }
    }
    let kind_word = if kind == "scheme" { "方案" } else { "计划" };
    let fill = |template: &str, random: &mut Random| {
        fill_template(template, district, year, kind_word, random)
    };
    // One or two different opening paragraphs.
    let first_preamble = random.below(3);
    for offset in 0..random.between(1, 2) {
        let preamble = fill(PREAMBLES[(first_preamble + offset) % 3], random);
        text.push_str(&preamble);
        text.push('\n');
    }

    let item_count = random.between(24, 36);
    let section_count = random.between(3, 5);
    let mut section_number = 0;
    if layout == Layout::SchemeSubsections {
        section_number += 1;
        let _ = writeln!(text, "{}、指导思想和总体目标", han_numeral(section_number));
        let preamble = fill(PREAMBLES[random.below(PREAMBLES.len())], random);
        let _ = writeln!(text, "{preamble}");
        section_number += 1;
        let _ = writeln!(text, "{}、工作任务和措施", han_numeral(section_number));
    }
    if layout == Layout::SubsectionsArabicComma {
        section_number += 1;
        let _ = writeln!(text, "{}、重点改革项目", han_numeral(section_number));
    }
    let mut subsection_number = 0;
    for index in 0..item_count {
        let number = index as u32 + 1;
        let opens_group = index == 0 || random.below(item_count) < section_count - 1;
        if opens_group && layout != Layout::HanItems {
            let heading = format!(
                "{}{}{}",
                random.pick(&VERBS),
                random.pick(&FIELDS),
                random.pick(&ASPECTS)
            );
            match layout {
                Layout::SectionsArabicDot => {
                    section_number += 1;
                    let _ = writeln!(
                        text,
                        "{}、着力{heading}{}{}",
                        han_numeral(section_number),
                        punctuation.comma,
                        fill(random.pick(&GOALS), random)
                    );
                    if random.chance(50) {
                        let _ = writeln!(text, "{}", fill(PREAMBLES[2], random));
                    }
                }
                _ => {
                    subsection_number += 1;
                    let (open, close) = if random.chance(50) {
                        ('(', ')')
                    } else {
                        ('（', '）')
                    };
                    let _ = writeln!(
                        text,
                        "{open}{}{close}{heading}。",
                        han_numeral(subsection_number)
                    );
                }
            }
        }
        let (title, field) = match previous.filter(|_| random.chance(10)) {
            // Continue one of last year's items under the same title: a lineage link.
            Some(previous) => match previous.items.get(random.below(previous.items.len())) {
                Some(earlier) => {
                    document
                        .continuations
                        .push((earlier.number, number, earlier.title.clone()));
                    (earlier.title.clone(), earlier.field)
                }
                None => new_title(random),
            },
            None => new_title(random),
        };
        let marker = match layout {
            Layout::SectionsArabicDot if punctuation.comma == ',' => format!("{number}."),
            Layout::SectionsArabicDot => format!("{number}．"),
            Layout::SubsectionsArabicComma => format!("{number}、"),
            Layout::HanItems => format!("{}、", han_numeral(number)),
            Layout::SchemeSubsections => format!("{number}. "),
        };
        let _ = write!(text, "{marker}{title}。");
        for _ in 0..random.between(2, 4) {
            let sentence = body_sentence(FIELDS[field], district, year, punctuation, random);
            text.push_str(&sentence);
        }
        let clause = responsibility(district, year, form, punctuation, random);
        text.push_str(&clause);
        text.push('\n');
        document.items.push(WrittenItem {
            number,
            title,
            field,
        });
    }
    if layout != Layout::HanItems {
        section_number += 1;
        let _ = writeln!(text, "{}、工作要求", han_numeral(section_number));
        for (index, closing) in CLOSINGS.iter().enumerate().take(random.between(2, 4)) {
            let _ = writeln!(
                text,
                "({}){}",
                han_numeral(index as u32 + 1),
                fill(closing, random)
            );
        }
    } else {
        let _ = writeln!(text, "{}", fill(PREAMBLES[3], random));
    }
    document
}

/// The first lines, in one of the three layouts of the seeds.
fn write_header(
    text: &mut String,
    district: &District,
    title: &str,
    (year, month, day): (u16, u8, u8),
    random: &mut Random,
) {
    let issued = format!("{year}年{month}月{day}日");
    let published = format!("{year:04}-{:02}-{:02}", month + 1, random.between(1, 28));
    let first = district.short.chars().next().unwrap_or('东');
    let serial = random.between(1, 40);
    let doc_number = match random.below(3) {
        0 => format!("{first}办发〔{year}〕{serial}号"),
        1 => format!("{first}{}办〔{year}〕{serial}号", district.level),
        _ => format!(
            "{}{first}办〔{year}〕{serial}号",
            district.city.chars().next().unwrap_or('华')
        ),
    };
    let place = format!("{}{}", district.city, district.name);
    let _ = match random.below(3) {
        // A government gazette page, like the 2012 and 2014 seeds.
        0 => writeln!(
            text,
            "首页 > 政务公开 > 人民政府公报 > {year} > {issued} 第{}期\n\
             发布机构:{place}人民政府办公室发布日期:{published}\n\
             名 称:中共{place}委办公室 {place}人民政府办公室关于印发《{title}》的通知\n\
             ({issued})\n{doc_number}\n\
             现将《{title}》印发给你们,请结合实际认真贯彻执行。\n{title}",
            random.between(1, 12)
        ),
        // A notice without quotation marks, like the 2011 seed.
        1 => writeln!(
            text,
            "发布时间:{published}\n关于印发{title}的通知\n({issued})\n({doc_number})\n\
             《{title}》已经{lvl}委常委会议和{lvl}政府常务会议审议通过,现予印发,请认真组织实施。\n{title}",
            lvl = district.level
        ),
        // Date and number only, like the 2015 seed.
        _ => writeln!(
            text,
            "({issued})\n{doc_number}\n现将《{title}》印发给你们,请结合实际认真贯彻执行。\n{title}"
        ),
    };
}

fn new_title(random: &mut Random) -> (String, usize) {
    let field = random.below(FIELDS.len());
    let title = format!(
        "{}{}{}",
        random.pick(&VERBS),
        FIELDS[field],
        random.pick(&ASPECTS)
    );
    (title, field)
}

/// One sentence of an item's body: one to three actions and perhaps a goal.
fn body_sentence(
    field: &str,
    district: &District,
    year: u16,
    punctuation: Punctuation,
    random: &mut Random,
) -> String {
    let mut sentence = String::new();
    let mut used: Vec<&str> = Vec::new();
    for _ in 0..random.between(1, 3) {
        let action = random.pick(&ACTIONS);
        // A sentence never says the same thing twice.
        if used.contains(&action) {
            continue;
        }
        if !used.is_empty() {
            sentence.push(punctuation.comma);
        }
        used.push(action);
        sentence.push_str(&fill_field(action, field, district, year, random));
    }
    if random.chance(50) {
        sentence.push(punctuation.comma);
        let goal = random.pick(&GOALS);
        sentence.push_str(&fill_field(goal, field, district, year, random));
    }
    sentence.push('。');
    sentence
}

/// Fills `{F}` with `field` and `{A}` with an aspect, then the district's placeholders.
fn fill_field(
    template: &str,
    field: &str,
    district: &District,
    year: u16,
    random: &mut Random,
) -> String {
    let aspect = random.pick(&ASPECTS);
    fill_template(
        &template.replace("{F}", field).replace("{A}", aspect),
        district,
        year,
        "计划",
        random,
    )
}

/// Fills `{D}` district, `{L}` level, `{Y}` year, `{K}` kind word, `{N}` a small number,
/// and any `{F}` left with a random field.
fn fill_template(
    template: &str,
    district: &District,
    year: u16,
    kind_word: &str,
    random: &mut Random,
) -> String {
    let mut filled = template
        .replace("{D}", &district.name)
        .replace("{L}", district.level.encode_utf8(&mut [0; 4]))
        .replace("{Y}", &year.to_string())
        .replace("{K}", kind_word);
    if filled.contains("{N}") {
        filled = filled.replace("{N}", &random.between(3, 60).to_string());
    }
    if filled.contains("{F}") {
        filled = filled.replace("{F}", random.pick(&FIELDS));
    }
    if filled.contains("{A}") {
        filled = filled.replace("{A}", random.pick(&ASPECTS));
    }
    filled
}

/// The units of one item: distinct, each spelled by its name, an alias or a former name.
fn pick_units(district: &District, count: usize, random: &mut Random) -> Vec<String> {
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < count.min(district.units.len()) {
        let index = random.below(district.units.len());
        if !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    chosen
        .into_iter()
        .map(|index| {
            let unit = &district.units[index];
            if !unit.aliases.is_empty() && random.chance(20) {
                unit.aliases[random.below(unit.aliases.len())].clone()
            } else if !unit.former_names.is_empty() && random.chance(10) {
                unit.former_names[random.below(unit.former_names.len())].clone()
            } else {
                unit.name.clone()
            }
        })
        .collect()
}

/// A deadline in a form the parser dates: every form contains `底前`, ends in `前完成` or
/// is `全年`, as sentence clauses require.
fn deadline(year: u16, random: &mut Random) -> String {
    let month = random.between(3, 12);
    match random.below(5) {
        0 => format!("{year}年{month}月底前完成"),
        1 => format!("{year}年底前"),
        2 => "全年".to_string(),
        3 => format!("{year}年{month}月{}日前完成", random.between(1, 28)),
        _ => format!("{}年{month}月底前", year + 1),
    }
}

/// The responsibility clause ending an item (with its line break before label lines).
fn responsibility(
    district: &District,
    year: u16,
    form: ClauseForm,
    punctuation: Punctuation,
    random: &mut Random,
) -> String {
    let Punctuation {
        comma,
        colon,
        open,
        close,
    } = punctuation;
    let lead = pick_units(district, random.between(1, 3), random).join("、");
    let mut co = pick_units(district, random.between(1, 5), random);
    // The co-organisers often end in a filler phrase, as in `区编办等各有关单位`.
    let filler = if district.level == '区' {
        "区各有关单位"
    } else {
        "县各有关单位"
    };
    match random.below(4) {
        0 => co.push(
            random
                .pick(&["各相关单位", "各有关单位", filler])
                .to_string(),
        ),
        1 => {
            if let Some(last) = co.last_mut() {
                last.push_str(random.pick(&["等各有关单位", "等单位"]));
            }
        }
        _ => {}
    }
    let co = co.join("、");
    match form {
        ClauseForm::LeadBracket => format!("{open}牵头单位{colon}{lead}{close}"),
        ClauseForm::LeadAndCoBracket => {
            let label = random.pick(&["牵头单位", "牵头落实单位", "责任单位"]);
            let co_label = random.pick(&["协办单位", "配合单位", "参与单位"]);
            let end = if random.chance(30) { "。" } else { "" };
            format!("{open}{label}{colon}{lead}{comma}{co_label}{colon}{co}{close}{end}")
        }
        ClauseForm::Sentence => {
            let ending = random.pick(&["配合", "协办", "协助"]);
            let due = deadline(year, random);
            format!("{open}此项工作由{lead}牵头{comma}{co}{ending}{comma}{due}。{close}")
        }
        ClauseForm::DeadlineBracket => {
            let due = deadline(year, random);
            format!("{open}责任单位{colon}{lead};配合单位{colon}{co};完成时限{colon}{due}{close}")
        }
        ClauseForm::LabelLines => {
            let leader = random.below(district.leaders.len());
            let leader = district.leaders.get(leader).map_or("", String::as_str);
            let mut lines = format!(
                "\n{}{colon}{leader};\n主办单位{colon}{lead}",
                district.leader_label()
            );
            if random.chance(80) {
                let _ = write!(lines, ";\n协办单位{colon}{co}");
            }
            if random.chance(40) {
                let _ = write!(lines, ";\n完成时限{colon}{}", deadline(year, random));
            }
            lines.push('。');
            lines
        }
    }
}

/// `1` → `一`, `12` → `十二`, `20` → `二十`, `35` → `三十五`; 1 to 99 as the parser reads them.
fn han_numeral(number: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, units) = ((number / 10 % 10) as usize, (number % 10) as usize);
    match tens {
        0 => DIGITS[units].to_string(),
        1 => format!("十{}", DIGITS[units]),
        _ => format!("{}十{}", DIGITS[tens], DIGITS[units]),
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            _ => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn toml_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|value| toml_string(value)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The curated TOML files, accumulated while documents are written.
#[derive(Default)]
struct CuratedFiles {
    catalog_districts: String,
    catalog_documents: String,
    units: String,
    progress: String,
    lineage: String,
    /// Member item ids per entry of [`THEMES`].
    themes: Vec<Vec<String>>,
    progress_events: usize,
    lineage_links: usize,
}

impl CuratedFiles {
    fn add_district(&mut self, district: &District) {
        let _ = writeln!(
            self.catalog_districts,
            "[[district]]\nid = {}\nname = {}\nname_en = {}\n",
            toml_string(&district.id),
            toml_string(&district.name),
            toml_string(&format!("District {:04}", district.index))
        );
        for unit in &district.units {
            let _ = write!(
                self.units,
                "  {{ id = {}, district = {}, name = {}",
                toml_string(&unit.id),
                toml_string(&district.id),
                toml_string(&unit.name)
            );
            if !unit.aliases.is_empty() {
                let _ = write!(self.units, ", aliases = {}", toml_list(&unit.aliases));
            }
            if !unit.former_names.is_empty() {
                let _ = write!(
                    self.units,
                    ", former_names = {}",
                    toml_list(&unit.former_names)
                );
            }
            let _ = writeln!(
                self.units,
                ", kind = {}, name_en = {} }},",
                toml_string(unit.kind),
                toml_string(unit.name_en)
            );
        }
    }

    fn add_document(&mut self, district: &District, document: &WrittenDocument) {
        let _ = writeln!(
            self.catalog_documents,
            "[[document]]\nid = {}\nfile = {}\ndistrict = {}\nkind = {}\ntitle_en = {}\n",
            toml_string(&document.id),
            toml_string(&format!("documents/{}.txt", document.id)),
            toml_string(&district.id),
            toml_string(document.kind),
            toml_string(&document.title_en)
        );
        if self.themes.is_empty() {
            self.themes = vec![Vec::new(); THEMES.len()];
        }
        for item in &document.items {
            let theme = THEMES.iter().position(|(_, field, _)| *field == item.field);
            if let Some(members) = theme.and_then(|theme| self.themes.get_mut(theme)) {
                // Every other item of the field, by number: curated themes are selective.
                if item.number % 2 == 0 {
                    members.push(format!("{}/{}", document.id, item.number));
                }
            }
        }
    }

    /// Records progress and lineage pointing from `document` back to `earlier`.
    fn add_references(&mut self, earlier: &WrittenDocument, document: &WrittenDocument) {
        for report in &document.reports {
            let (status, note) = if report.delivered {
                ("delivered", "The next year's plan reports the item done.")
            } else {
                (
                    "in_progress",
                    "The next year's plan reports the item under way.",
                )
            };
            let _ = writeln!(
                self.progress,
                "[[event]]\nitem = {}\nstatus = {}\ndate = {}\nsource = {}\nquote = {}\nnote_en = {}\n",
                toml_string(&format!("{}/{}", earlier.id, report.number)),
                toml_string(status),
                toml_string(&document.issued),
                toml_string(&document.id),
                toml_string(&report.quote),
                toml_string(note)
            );
            self.progress_events += 1;
        }
        for (from, to, quote) in &document.continuations {
            let _ = writeln!(
                self.lineage,
                "[[link]]\nfrom = {}\nfrom_quote = {}\nto = {}\nto_quote = {}\n",
                toml_string(&format!("{}/{from}", earlier.id)),
                toml_string(quote),
                toml_string(&format!("{}/{to}", document.id)),
                toml_string(quote)
            );
            self.lineage_links += 1;
        }
    }

    fn into_texts(self) -> Vec<(&'static str, String)> {
        let mut units = String::from(
            "# A synthetic unit registry: the same bodies in every district, named for its level.\n",
        );
        let filler: Vec<String> = FILLER.iter().map(|phrase| phrase.to_string()).collect();
        let _ = writeln!(units, "filler = {}\n\nunit = [", toml_list(&filler));
        units.push_str(&self.units);
        units.push_str("]\n");
        let mut themes = String::from("# Synthetic themes: every other item of a field.\n\n");
        for ((id, field, name_en), members) in THEMES.iter().zip(&self.themes) {
            let _ = writeln!(
                themes,
                "[[theme]]\nid = {}\nname = {}\nname_en = {}\nitems = {}\n",
                toml_string(id),
                toml_string(FIELDS[*field]),
                toml_string(name_en),
                toml_list(members)
            );
        }
        vec![
            (
                "catalog.toml",
                format!(
                    "# A synthetic catalog made by `reform-portal generate`.\n\n{}{}",
                    self.catalog_districts, self.catalog_documents
                ),
            ),
            ("units.toml", units),
            (
                "progress.toml",
                format!("# Synthetic progress records.\n\n{}", self.progress),
            ),
            (
                "lineage.toml",
                format!("# Synthetic lineage links.\n\n{}", self.lineage),
            ),
            ("themes.toml", themes),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_numerals_read_back() {
        for number in 1..=99 {
            assert_eq!(
                reform_core::numbering::han_number(&han_numeral(number)),
                Some(number),
                "{number}"
            );
        }
    }

    #[test]
    fn place_names_are_unique() {
        let names: std::collections::HashSet<String> =
            (0..20_000).map(|index| place_name(index, 0)).collect();
        assert_eq!(names.len(), 20_000);
    }
}
