/** Module A's shipped site settings (staff change them in /staff/accreditation/settings). */
export const ACCREDITATION_SETTING_DEFAULTS: Record<string, unknown> = {
  // Forced-reading notices (SPEC §1.1): shown in a dialog that can be accepted only after `seconds`.
  'notice.accreditation.login': {
    title: '实验室/检验机构用户登录须知',
    body: [
      '一、首次申请认可的实验室、检验机构，须先通过本平台提交认可预申请。预申请经审核通过后，系统将向预申请时填写的联系人邮箱发送机构账号及初始密码，机构凭该账号登录后方可提交正式认可申请。',
      '二、已取得认可或已有机构账号的用户，请使用主账户（注册手机号）或经主账户授权的子账户登录。子账户仅能使用主账户授予的业务模块，如需调整权限，请联系本机构主账户管理员。',
      '三、申请人应保证所填报的机构信息、人员信息、场所信息及上传的质量管理体系文件真实、准确、完整，并对其真实性承担法律责任。提供虚假材料的，将不予受理或撤销认可，并记入不良记录。',
      '四、请妥善保管账号和密码，不得转借他人使用。初始密码首次登录后须立即修改；因账号保管不善造成的损失由申请人自行承担。',
      '五、认可申请、资料补正、现场评审安排及认可决定等通知，将通过平台站内消息、短信或电子邮件发送，请保持联系方式畅通并及时登录查看。',
    ].join('\n\n'),
    seconds: 10,
  },
  // Module A (SPEC §2): the business fields a pre-application offers (staff-configurable) and the notes above the form.
  'accreditation.businessFields': [
    { key: 'laboratory', label: '实验室' },
    { key: 'inspectionBody', label: '检验机构' },
    { key: 'referenceMaterialProducer', label: '标准物质/标准样品生产者' },
    { key: 'proficiencyTestingProvider', label: '能力验证提供者' },
    { key: 'biobank', label: '生物样本库' },
    { key: 'medicalLaboratory', label: '医学实验室' },
  ],
  'accreditation.preApplicationNotes': [
    '预申请注册仅对于从未进行认可申请的机构使用。如已取得过认可证书（无论证书当前为何种状态），请通过登录页面的“已获认可机构获取密码”功能取得账号密码，或联系认可评定部门取得系统机构登录账号及密码。',
    '提交后的预申请，可在预申请上填写的邮箱中找到查看、验证邮件。',
    '通过预申请后，可进行在线申请。',
    '如果已经认可过的机构要申请其他资质，请先登录系统，然后通过“业务领域变更”增加其他资质。例如已经获得实验室资质，但是现在还要获取检验机构资质的情况。',
    '联系人信息很重要，影响与预申请受理人员联系及日后接收系统发送的邮件。',
    // {sender}: the address emails are sent from (EMAIL_FROM), filled in when the notes are shown.
    '本系统向用户发送邮件所用的系统邮箱是 {sender}，请将其加入邮箱白名单。',
    '预申请业务信息很重要，要选择相应的业务并填写对应的描述信息。应至少选择一项，并在选项对应的输入框中填写选择该领域的相关情况说明。',
    '组织机构代码，请填写时去掉中间的“-”，如 XXXXXXXX-L 直接填写为 XXXXXXXXL；也可填写18位统一社会信用代码。',
    '页面中标注红色星号的为必填项，如果漏填，系统将无法提交所填信息。',
  ],
};

/**
 * Shipped values replaced by a later release: a site that still holds one of
 * them unchanged gets the current default when the seed runs (db/seed/demo.ts).
 */
export const SUPERSEDED_ACCREDITATION_SETTINGS: Record<string, unknown[]> = {
  // Note 6 named a fixed sender address instead of the configured one.
  'accreditation.preApplicationNotes': [
    [
      '预申请注册仅对于从未进行认可申请的机构使用。如已取得过认可证书（无论证书当前为何种状态），请通过登录页面的“已获认可机构获取密码”功能取得账号密码，或联系认可评定部门取得系统机构登录账号及密码。',
      '提交后的预申请，可在预申请上填写的邮箱中找到查看、验证邮件。',
      '通过预申请后，可进行在线申请。',
      '如果已经认可过的机构要申请其他资质，请先登录系统，然后通过“业务领域变更”增加其他资质。例如已经获得实验室资质，但是现在还要获取检验机构资质的情况。',
      '联系人信息很重要，影响与预申请受理人员联系及日后接收系统发送的邮件。',
      '本系统向用户发送邮件所用的系统邮箱是 noreply@accredit.example.cn，请将其加入邮箱白名单。',
      '预申请业务信息很重要，要选择相应的业务并填写对应的描述信息。应至少选择一项，并在选项对应的输入框中填写选择该领域的相关情况说明。',
      '组织机构代码，请填写时去掉中间的“-”，如 XXXXXXXX-L 直接填写为 XXXXXXXXL；也可填写18位统一社会信用代码。',
      '页面中标注红色星号的为必填项，如果漏填，系统将无法提交所填信息。',
    ],
  ],
};
