"""Deterministic synthetic corpora: non-economic Chinese filler, and crawls that mix it with reports.

Used by the batch tests (the prefilter must discard the filler) and by ``bench/batch_speed.py``
(a crawl of 200,000 documents). Document ``i`` of a corpus depends only on ``(seed, i)``, so any
slice can be generated on its own, corpora of any size are streamed in constant memory, and two
runs produce the same bytes.

The filler is meant to be hard for a prefilter, not easy: it is full of digits (dates, times,
phone numbers, ages, scores, temperatures, prices, counts with units such as 名, 个, 户, 度, 元)
and uses the everyday words of local news (发展, 建设, 项目 of a sports meeting), but it reports no
economic figure.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = ["CATEGORIES", "filler_text", "mixed_records"]

_CITIES = ["青州", "临沂", "泰兴", "莆田", "定州", "平湖", "台儿庄", "淮安", "宜昌", "柳州", "绵阳", "赣州", "常德",
           "九江", "湖州", "嘉兴", "丽水", "遵义", "曲靖", "大理", "天水", "酒泉", "榆林", "汉中", "安康", "邯郸"]
_ROADS = ["人民路", "解放路", "建设路", "中山路", "文化路", "新华街", "和平街", "光明路", "滨河路", "学府路", "青年路"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬浩宇轩然晨阳思雨欣怡子涵"
_SKY = ["晴", "多云", "阴", "小雨", "中雨", "阵雨", "雷阵雨", "小雪", "晴转多云", "多云转阴", "阴转小雨"]
_WIND = ["东", "南", "西", "北", "东南", "西南", "东北", "西北"]
_DISHES = [("红烧肉", "五花肉"), ("番茄炒蛋", "番茄"), ("清蒸鲈鱼", "鲈鱼"), ("土豆炖牛腩", "牛腩"),
           ("可乐鸡翅", "鸡翅"), ("麻婆豆腐", "豆腐"), ("糖醋排骨", "排骨"), ("酸辣土豆丝", "土豆")]
_SPORTS = ["足球", "篮球", "排球", "乒乓球", "羽毛球", "田径", "游泳", "围棋", "象棋", "龙舟"]
_EXHIBITS = ["青铜器", "书画", "陶瓷", "剪纸", "刺绣", "木雕", "年画", "古籍", "玉器", "漆器"]
_SCHOOLS = ["第一中学", "实验小学", "外国语学校", "第三中学", "育才小学", "师范附属小学"]
_STARS = ["英仙座", "双子座", "猎户座", "狮子座", "天琴座"]


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _time(rng: random.Random) -> str:
    return f"{rng.randint(6, 21)}:{rng.choice(['00', '15', '30', '45'])}"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"0{rng.randint(510, 939)}-{rng.randint(2000000, 8999999)}"
    return f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"


def _rare(rng: random.Random, sentence: str, chance: float = 0.15) -> list[str]:
    """``[sentence]`` now and then: a near miss for the prefilter (an economic word in a page
    that reports no economic figure), so that the filler is not trivially separable."""
    return [sentence] if rng.random() < chance else []


def _boilerplate(rng: random.Random, city: str) -> tuple[str, str]:
    """The navigation header and footer of a crawled page, digits included."""
    header = rng.choice(["首页 | 新闻中心 | 政务公开 | 便民服务 | 互动交流",
                         f"{city}新闻网 > 本地新闻 > 正文", "当前位置:首页 > 社会民生"])
    footer = (f"浏览次数:{rng.randint(10, 99999)}  发布时间:{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-"
              f"{rng.randint(1, 28):02d} {_time(rng)}\n版权所有 © {city}市融媒体中心  "
              f"ICP备{rng.randint(10000000, 99999999)}号-{rng.randint(1, 9)}  联系电话:{_phone(rng)}")
    return header, footer


def _sports(rng: random.Random, city: str) -> list[str]:
    sport, a, b = rng.choice(_SPORTS), rng.randint(0, 5), rng.randint(0, 5)
    return [
        f"{city}市第{rng.randint(3, 30)}届全民运动会{sport}比赛{_date(rng)}在市体育中心开幕。",
        f"本届比赛共设{rng.randint(5, 40)}个比赛项目,"
        f"吸引了{rng.randint(12, 90)}支代表队的{rng.randint(200, 3000)}名运动员参加。",
        f"在{_date(rng)}晚进行的决赛中,{city}队以{a}比{b}战胜对手,"
        f"{_name(rng)}在第{rng.randint(1, 90)}分钟打进关键一球。",
        f"现年{rng.randint(16, 38)}岁的{_name(rng)}全场{rng.randint(5, 25)}投{rng.randint(2, 15)}中,"
        f"命中率{rng.randint(30, 70)}%,赛后她表示会继续努力。",
        f"比赛吸引了近{rng.randint(2, 9)}千名观众到场观赛,现场气氛热烈。",
        f"组委会提醒,{_date(rng)}起门票可在体育中心售票处购买,票价{rng.choice([20, 30, 50, 80])}元,学生半价。",
        f"{_name(rng)}教练说,队员们每天训练{rng.randint(2, 6)}小时,{rng.randint(3, 12)}名新人进步明显。",
        "下一阶段,各参赛队将继续加强训练,力争在全省比赛中取得好成绩。",
        *_rare(rng, f"本届运动会由{city}高新区承办,{rng.randint(3, 9)}个场馆同时开赛。"),
    ]


def _weather(rng: random.Random, city: str) -> list[str]:
    low = rng.randint(-10, 22)
    return [
        f"{city}市气象台{_date(rng)}{rng.randint(5, 17)}时发布天气预报:",
        f"今天白天{rng.choice(_SKY)},{rng.choice(_WIND)}风{rng.randint(2, 6)}到{rng.randint(3, 7)}级,"
        f"气温{low}到{low + rng.randint(4, 12)}度。",
        f"夜间{rng.choice(_SKY)},最低气温{low - rng.randint(0, 5)}度,相对湿度{rng.randint(30, 95)}%。",
        f"明天降水概率{rng.randint(10, 90)}%,预计气温下降{rng.randint(2, 8)}度,请注意添衣保暖。",
        f"今年以来全市平均降水量{rng.randint(200, 1200)}毫米,较常年偏{rng.choice(['多', '少'])}{rng.randint(1, 5)}成。",
        f"受冷空气影响,{rng.randint(2, 6)}日至{rng.randint(7, 12)}日将有一次明显降温过程,局部地区有大风。",
        f"气象服务热线{_phone(rng)},市民可随时拨打查询。",
        "专家建议,雨天出行注意交通安全,老人和儿童尽量减少外出。",
        *_rare(rng, f"上月全市降水量比上年同期偏多{rng.randint(1, 5)}成。"),
    ]


def _notice(rng: random.Random, city: str) -> list[str]:
    road = rng.choice(_ROADS)
    return [
        f"关于{road}临时停水的通知",
        f"因供水管网维修,{_date(rng)}{_time(rng)}至{_time(rng)},{road}{rng.randint(1, 80)}号至"
        f"{rng.randint(81, 300)}号段将暂停供水,涉及{rng.randint(3, 20)}个小区约{rng.randint(200, 3000)}户居民。",
        "请沿线居民提前做好储水准备,给您带来的不便敬请谅解。",
        f"咨询电话:{_phone(rng)};报修电话:{_phone(rng)}。",
        f"另外,{city}市第{rng.randint(1, 9)}医院门诊楼{rng.randint(1, 6)}层将于{_date(rng)}起暂停开放,"
        f"预约挂号请拨打{_phone(rng)}。",
        f"{rng.randint(2020, 2025)}年度居民医保缴费已开始,{rng.randint(60, 80)}岁以上老人可由家属代办。",
        f"{city}市公安局提醒:办理身份证请携带户口簿,办公时间为每周一至周五{_time(rng)}至{_time(rng)}。",
        f"特此通知。{city}市{road}社区居委会 {rng.randint(2018, 2025)}年{_date(rng)}",
        *_rare(rng, f"办理地点:{city}经济技术开发区政务服务中心{rng.randint(1, 5)}楼{rng.randint(1, 30)}号窗口。"),
    ]


def _culture(rng: random.Random, city: str) -> list[str]:
    item = rng.choice(_EXHIBITS)
    return [
        f"{city}博物馆“{item}里的中国”特展{_date(rng)}开幕。",
        f"展览共展出{item}{rng.randint(50, 400)}件(套),其中{rng.randint(5, 40)}件为首次公开亮相,"
        f"年代最早的距今约{rng.randint(800, 5000)}年。",
        f"展览将持续至{_date(rng)},每周一闭馆,观众可通过微信公众号免费预约,每日限流{rng.randint(1, 9)}千人。",
        f"开幕当天,{_name(rng)}等{rng.randint(3, 12)}位非遗传承人现场展示了传统技艺,吸引了众多市民驻足观看。",
        f"据介绍,该馆现有馆藏文物{rng.randint(1, 3)}万余件,已连续{rng.randint(3, 12)}年举办传统文化主题展览。",
        f"当晚,{city}大剧院上演了原创话剧《{rng.choice(['归途', '长河', '灯火', '远方', '故园'])}》,"
        f"{rng.randint(20, 80)}名演员同台演出,演出时长约{rng.randint(90, 150)}分钟。",
        f"讲解员{_name(rng)}说,希望更多年轻人走进博物馆,了解家乡的历史文化。",
    ]


def _recipe(rng: random.Random, city: str) -> list[str]:
    dish, main = rng.choice(_DISHES)
    return [
        f"家常{dish}的做法({rng.randint(2, 6)}人份)",
        f"准备{main}{rng.randint(200, 800)}克,鸡蛋{rng.randint(1, 4)}个,葱姜适量,生抽{rng.randint(1, 3)}勺,"
        f"白糖{rng.randint(5, 30)}克。",
        f"第一步,将{main}洗净切块,用清水浸泡{rng.randint(10, 30)}分钟去除血水。",
        f"第二步,锅中倒入{rng.randint(1, 3)}勺油,油温{rng.randint(5, 7)}成热时下入葱姜爆香。",
        f"第三步,加入{main}翻炒{rng.randint(2, 5)}分钟,倒入开水没过食材,大火烧开后转小火炖{rng.randint(20, 60)}分钟。",
        "最后大火收汁,撒上葱花即可出锅,色泽红亮,老少皆宜。",
        f"小贴士:{main}选择新鲜的为好,买回后可在冰箱冷藏{rng.randint(1, 3)}天。这道菜在{city}一带很受欢迎。",
    ]


def _health(rng: random.Random, city: str) -> list[str]:
    return [
        f"{city}市人民医院营养科主任{_name(rng)}提醒,入秋后早晚温差大,{rng.randint(60, 70)}岁以上老人要注意保暖。",
        f"成年人每天饮水{rng.randint(15, 20)}00毫升左右为宜,"
        f"睡眠时间保持在{rng.randint(7, 8)}到{rng.randint(8, 9)}小时。",
        f"每周进行{rng.randint(3, 5)}次、每次{rng.randint(30, 60)}分钟的中等强度运动,有助于增强体质。",
        f"儿童每天户外活动时间不少于{rng.randint(1, 2)}小时,可以有效预防近视,"
        f"屏幕时间应控制在{rng.randint(1, 2)}小时以内。",
        f"{_date(rng)}至{_date(rng)},医院将在门诊大厅开展义诊活动,"
        f"免费为市民测量血压血糖,每天限{rng.randint(50, 200)}人。",
        f"预约电话{_phone(rng)},上午{_time(rng)}开始接受预约。",
        "专家表示,规律作息、均衡饮食、适量运动是保持健康的关键。",
    ]


def _school(rng: random.Random, city: str) -> list[str]:
    school = city + rng.choice(_SCHOOLS)
    return [
        f"{school}举行{rng.randint(2015, 2025)}届学生毕业典礼",
        f"{_date(rng)}上午,{school}{rng.randint(300, 1200)}名毕业生身着校服,在操场上参加毕业典礼。",
        f"校长{_name(rng)}在致辞中回顾了同学们{rng.randint(3, 6)}年来的成长历程,勉励大家心怀梦想、勇于担当。",
        f"学校今年共有{rng.randint(20, 120)}名学生在省级以上竞赛中获奖,{rng.randint(2, 15)}个社团获评优秀社团。",
        f"典礼上,{rng.randint(10, 60)}位家长代表为孩子们送上祝福,现场{rng.randint(4, 12)}个班级合唱了校歌。",
        f"据了解,新学期将于{_date(rng)}开学,新生报到时间为{_time(rng)}至{_time(rng)},咨询电话{_phone(rng)}。",
        "学校将继续坚持立德树人,促进学生全面发展。",
    ]


def _community(rng: random.Random, city: str) -> list[str]:
    road = rng.choice(_ROADS)
    return [
        f"{_date(rng)},{city}市{road}社区志愿服务队开展“邻里守望”主题活动。",
        f"{rng.randint(10, 80)}名志愿者走进{rng.randint(3, 15)}个小区,为{rng.randint(20, 300)}户独居老人"
        "送去生活用品,并帮助打扫卫生。",
        f"今年{rng.randint(70, 95)}岁的{_name(rng)}老人拉着志愿者的手说:“你们每个月都来看我,比亲人还亲。”",
        f"社区还组织了{rng.randint(2, 8)}场健康讲座和{rng.randint(1, 5)}次消防演练,"
        f"参与居民{rng.randint(100, 900)}人次。",
        f"社区党委书记{_name(rng)}介绍,目前社区登记在册的志愿者已有{rng.randint(100, 600)}人。",
        f"有意加入志愿服务的居民可拨打{_phone(rng)}报名,也可到社区服务大厅{rng.randint(1, 3)}楼登记。",
        "大家纷纷表示,将把志愿服务精神传承下去,共同建设美好家园。",
    ]


def _traffic(rng: random.Random, city: str) -> list[str]:
    line = rng.randint(1, 150)
    return [
        f"{city}公交{line}路线路调整公告",
        f"自{_date(rng)}起,{line}路公交车将调整运行线路,"
        f"途经{rng.randint(10, 40)}个站点,全程约{rng.randint(8, 35)}公里。",
        f"首班车发车时间为{_time(rng)},末班车为{_time(rng)},高峰时段发车间隔{rng.randint(5, 15)}分钟。",
        f"因{rng.choice(_ROADS)}道路施工,{_date(rng)}至{_date(rng)}每天{_time(rng)}至{_time(rng)}实行半幅封闭,"
        f"请过往车辆绕行,限速{rng.choice([20, 30, 40])}公里每小时。",
        f"交警部门提示,节假日期间{rng.randint(3, 12)}个路口将增派警力疏导交通。",
        f"乘客如有疑问,可拨打公交服务热线{_phone(rng)}咨询。",
    ]


def _science(rng: random.Random, city: str) -> list[str]:
    star = rng.choice(_STARS)
    return [
        f"{star}流星雨将于{_date(rng)}凌晨迎来极大,每小时天顶流量约{rng.randint(20, 120)}颗。",
        f"{city}天文爱好者协会会长{_name(rng)}介绍,最佳观测时间为凌晨{rng.randint(1, 4)}时至{rng.randint(4, 5)}时,"
        f"届时月相约为{rng.randint(5, 95)}%,对观测影响不大。",
        f"协会将在城郊{rng.randint(1, 3)}处观测点组织活动,预计有{rng.randint(100, 500)}名市民参加。",
        f"该流星雨的母体彗星绕太阳一周约需{rng.randint(60, 140)}年,距离地球最近时约{rng.randint(1, 9)}千万公里。",
        f"观测时无需望远镜,找一处远离灯光的开阔地带,躺下后静候{rng.randint(15, 30)}分钟让眼睛适应黑暗即可。",
        "专家提醒,夜间气温较低,外出观测要注意保暖和安全。",
    ]


CATEGORIES: dict[str, Callable[[random.Random, str], list[str]]] = {
    "sports": _sports,
    "weather": _weather,
    "notice": _notice,
    "culture": _culture,
    "recipe": _recipe,
    "health": _health,
    "school": _school,
    "community": _community,
    "traffic": _traffic,
    "science": _science,
}
_CATEGORY_NAMES = tuple(CATEGORIES)


def filler_text(index: int, seed: int = 0) -> str:
    """Non-economic document number ``index``: the same ``(index, seed)`` always gives the same text.

    The category cycles with the index; sentences are drawn (3 to all of them, in order or shuffled)
    from that category's templates with random fills, sometimes two categories in one page.
    """
    rng = random.Random(f"filler:{seed}:{index}")
    city = rng.choice(_CITIES)
    category = _CATEGORY_NAMES[index % len(_CATEGORY_NAMES)]
    parts = _item(rng, city, category)
    while rng.random() < 0.4:  # a web page often carries further, unrelated items
        parts.extend(_item(rng, city, rng.choice(_CATEGORY_NAMES)))
    if rng.random() < 0.5:
        header, footer = _boilerplate(rng, city)
        parts = [header, *parts, footer]
    separator = rng.choice(["\n", "", "\n\n"])
    return separator.join(parts)


def _item(rng: random.Random, city: str, category: str) -> list[str]:
    sentences = CATEGORIES[category](rng, city)
    head, body = sentences[0], sentences[1:]
    picked = rng.sample(body, rng.randint(min(3, len(body)), len(body)))
    if rng.random() < 0.5:
        picked.sort(key=body.index)
    return [head, *picked]


def mixed_records(count: int, reports: Sequence[dict[str, Any]], *, ratio: int = 20, seed: int = 0,
                  start: int = 0) -> Iterator[dict[str, Any]]:
    """Records ``start`` … ``start + count - 1`` of a crawl mixing ``reports`` with filler.

    On average one record in ``ratio + 1`` is a copy of a report (chosen at random) with a new
    ``doc_id`` (``<doc_id>~<index>``), the rest are filler (``filler-<index>``). The records have
    the FACTS.md input shape (doc_id, published, source, text); gold ``facts`` are not copied.
    """
    for index in range(start, start + count):
        rng = random.Random(f"mixed:{seed}:{index}")
        if reports and rng.random() < 1 / (ratio + 1):
            report = reports[rng.randrange(len(reports))]
            yield {"doc_id": f"{report['doc_id']}~{index}", "published": report.get("published"),
                   "source": report.get("source"), "text": report["text"]}
        else:
            published = f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            yield {"doc_id": f"filler-{index}", "published": published,
                   "source": f"synth://filler/{index}", "text": filler_text(index, seed)}
