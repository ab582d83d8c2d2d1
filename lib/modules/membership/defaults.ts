/** Module B's shipped site settings: the 入会须知 forced-reading notice, the dues per grade, the membership term. */
export const MEMBERSHIP_SETTING_DEFAULTS: Record<string, unknown> = {
  'notice.membership.apply': {
    title: '入会须知',
    body: [
      '一、申请入会的单位应为依法设立、具有独立法人资格的企事业单位或社会组织，承认本协会章程，自愿履行会员义务。',
      '二、入会申请须在线填写单位基本信息、业务范围及联系人信息，并上传营业执照（或法人登记证书）及加盖公章的入会申请表扫描件。申请材料经秘书处审核通过后，方可缴纳会费。',
      '三、会费按会员等级标准收取，申请单位应通过对公转账方式缴纳，并在平台上传转账凭证；财务确认到账后，会员资格生效，电子会员证书可在平台下载。',
      '四、会员单位应按时缴纳年度会费，信息发生变更时应在30日内通过平台提交变更申请。连续两年未缴纳会费的，视为自动退会。',
      '五、会员单位应遵守国家法律法规及协会自律公约，不得以协会名义从事与会员身份不符的经营活动。',
    ].join('\n\n'),
    seconds: 15,
  },
  // Annual dues per membership grade, in fen (staff change them in /staff/membership/settings).
  'membership.dues': { regular: 200_000, council: 500_000, executive: 1_000_000, vicePresident: 2_000_000 },
  // How long a membership lasts from the day the dues are confirmed.
  'membership.termMonths': 12,
};

