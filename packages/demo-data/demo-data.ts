import { Expert } from '../experts';
import { Organisation } from '../organisations';
import { Role } from '../kernel';

/**
 * Demo data for the local stack: a small city's trading center with its organisations,
 * one or more users per role, and an expert pool. Generated from a fixed seed, so every
 * fresh start has the same data and tests can name it.
 */

export interface DemoUser {
  username: string;
  /** Stable subject id, as a user pool would assign. */
  sub: string;
  role: Role;
  org?: string;
  email: string;
}

export interface DemoSpecialty {
  code: string;
  name: string;
}

/** A demo catalog of evaluation specialties (评标专业); codes follow the spec's identifier rule. */
export const demoSpecialties: DemoSpecialty[] = [
  { code: 'A010101', name: '房屋建筑工程' },
  { code: 'A010201', name: '市政道路工程' },
  { code: 'A010301', name: '桥梁隧道工程' },
  { code: 'A020101', name: '给排水工程' },
  { code: 'A030101', name: '电气工程' },
  { code: 'A080101', name: '工程造价' },
  { code: 'A080102', name: '工程概预算' },
  { code: 'B020301', name: '信息化设备' },
  { code: 'B030101', name: '医疗设备' },
  { code: 'C010201', name: '物业管理服务' },
  { code: 'C020101', name: '咨询服务' },
  { code: 'D05', name: '土地与资产评估' },
];

/** Park–Miller style PRNG (mulberry32): small, fast and the same everywhere. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const creditCode = (n: number): string => `91330100MA${String(n).padStart(7, '0')}X`.slice(0, 18);

const bidderNames = [
  '华东建设集团有限公司',
  '恒信建筑工程有限公司',
  '宏远市政工程有限公司',
  '博远信息技术股份有限公司',
  '康泰医疗器械有限公司',
  '安居物业服务有限公司',
  '正德工程咨询有限公司',
  '新桥路桥建设有限公司',
];

const employerNames = [
  '市建筑设计研究院',
  '省交通规划设计院',
  '浙江大学建筑工程学院',
  '市第一人民医院',
  '市信息中心',
  '中天会计师事务所',
  '市政工程设计院',
  '省电力设计院',
  '华信资产评估有限公司',
  '市工程造价咨询站',
  '理工大学土木学院',
  '市水务集团',
];

export const demoOrganisations = (): Organisation[] => [
  { id: 'ORG-CENTER', name: '市公共资源交易中心', kind: 'center', creditCode: creditCode(1) },
  { id: 'ORG-REGULATOR', name: '市公共资源交易监督管理局', kind: 'regulator', creditCode: creditCode(2) },
  { id: 'ORG-TENDERER-1', name: '市城市建设投资集团有限公司', kind: 'tenderer', creditCode: creditCode(3) },
  { id: 'ORG-TENDERER-2', name: '市卫生健康委员会', kind: 'tenderer', creditCode: creditCode(4) },
  { id: 'ORG-AGENCY-1', name: '诚信招标代理有限公司', kind: 'agency', creditCode: creditCode(5) },
  ...bidderNames.map((name, i) => ({
    id: `ORG-BIDDER-${i + 1}`,
    name,
    kind: 'bidder' as const,
    creditCode: creditCode(10 + i),
  })),
  ...employerNames.map((name, i) => ({
    id: `ORG-EMP-${String(i + 1).padStart(2, '0')}`,
    name,
    kind: 'employer' as const,
    creditCode: creditCode(100 + i),
  })),
];

const user = (username: string, role: Role, org?: string, n = 0): DemoUser => ({
  username,
  sub: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  role,
  org,
  email: `${username}@demo.sunlit.example`,
});

export const demoUsers = (): DemoUser[] => [
  user('staff1', 'staff', 'ORG-CENTER', 1),
  user('staff2', 'staff', 'ORG-CENTER', 2),
  user('regulator1', 'regulator', 'ORG-REGULATOR', 3),
  user('regulator2', 'regulator', 'ORG-REGULATOR', 4),
  ...bidderNames.map((_, i) => user(`bidder${i + 1}`, 'bidder', `ORG-BIDDER-${i + 1}`, 10 + i)),
];

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenNames =
  '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红玉兰云飞鹏辉斌宇浩凯晨欣怡雪梅琳晶博文';
const titles = ['高级工程师', '正高级工程师', '教授', '副教授', '高级会计师', '高级经济师'];

/**
 * An expert pool of `size` experts, each with one to three specialties and an employer. About
 * one in forty is suspended and one in twenty-five declares a conflict with a bidder company,
 * so avoidance has something to do in every demo draw.
 */
export const demoExperts = (size = 600): Expert[] => {
  const next = random(20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const organisations = demoOrganisations();
  const employers = organisations.filter((org) => org.kind === 'employer');
  const bidders = organisations.filter((org) => org.kind === 'bidder');
  return Array.from({ length: size }, (_, i): Expert => {
    const specialties = new Set<string>();
    const count = 1 + Math.floor(next() * 3);
    while (specialties.size < count) specialties.add(pick(demoSpecialties).code);
    return {
      id: `E-${String(i + 1).padStart(5, '0')}`,
      name: `${pick([...surnames])}${pick([...givenNames])}${next() < 0.5 ? pick([...givenNames]) : ''}`,
      employer: pick(employers).id,
      specialties: [...specialties].sort(),
      title: pick(titles),
      phone: `139${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
      status:
        i % 40 === 39
          ? { state: 'suspended', until: '2027-06-30', reason: '年度考核未通过，暂停评标资格' }
          : { state: 'active' },
      conflicts: i % 25 === 24 ? [pick(bidders).id] : [],
    };
  });
};
