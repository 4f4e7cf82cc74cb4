<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>无法完成操作</source>
        <translation>Cannot complete the operation</translation>
    </message>
    <message>
        <source>程序出错</source>
        <extracomment>How long a worker waits for the GUI thread to draw the charts before it gives up. Explicit CJK families in order of preference: exported SVG and PNG name a family that has the glyphs, instead of whatever the platform falls back to (DESIGN.md, known traps).</extracomment>
        <translation>Program error</translation>
    </message>
    <message>
        <source>程序遇到了意外错误,刚才的操作可能没有完成。</source>
        <translation>The program ran into an unexpected error; the last operation may not have completed.</translation>
    </message>
    <message>
        <source>已保存的数据不受影响。详细信息已写入日志文件:
{0}
如问题反复出现,请将该文件发给技术支持。</source>
        <translation>Data already saved is not affected. Details were written to the log file:
{0}
If the problem recurs, please send this file to technical support.</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>{0}有尚未保存的修改,是否保存为草稿?</source>
        <extracomment>Background of a unit&apos;s state on the submission board (text stays dark).</extracomment>
        <translation>{0} has unsaved changes. Save them as a draft?</translation>
    </message>
    <message>
        <source>数据库文件已损坏:{0}
没有可用的完好备份。请停止录入,并联系管理员。</source>
        <translation>The database file is damaged: {0}
There is no good backup. Stop entering data and call the administrator.</translation>
    </message>
    <message>
        <source>数据库已损坏</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <source>数据库文件已损坏:{0}

最近的完好备份:{1:%Y-%m-%d %H:%M}。是否从该备份恢复?
损坏的文件会原样另存为“文件名.damaged-时间”,不会被删除;备份之后录入的内容需要重新录入。</source>
        <translation>The database file is damaged: {0}

Newest good backup: {1:%Y-%m-%d %H:%M}. Restore from it?
The damaged file is kept as it is, as “name.damaged-time”; what was entered after the backup must be entered again.</translation>
    </message>
    <message>
        <source>首次登录。</source>
        <translation>First sign-in.</translation>
    </message>
    <message>
        <source>上次登录:{0}。</source>
        <translation>Last sign-in: {0}.</translation>
    </message>
    <message>
        <source>此后有 {0} 次登录失败,如非本人操作请联系管理员。</source>
        <translation> {0} failed sign-in(s) since then; if that was not you, please tell the administrator.</translation>
    </message>
</context>
<context>
    <name>AddScheduleDialog</name>
    <message>
        <source>新增批次计划</source>
        <translation>New round schedule</translation>
    </message>
    <message>
        <source>留空则用类型名,如“月报告”</source>
        <translation>Leave empty to use the kind, e.g. “Monthly report”</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>截止工作日</source>
        <translation>Deadline working day</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>{0};节假日和调休按工作日历顺延。</source>
        <translation>{0}; holidays and make-up days follow the working-day calendar.</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>佐证材料</source>
        <extracomment>The largest preview; list thumbnails are scaled down from it on the GUI thread. Larger files are not read for a preview (a 50 MB scan stays a plain icon). One cache for every panel: the entry form, the review page and the grid show the same files.</extracomment>
        <translation>Evidence files</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>保存草稿后可添加照片、PDF、Word、Excel 等佐证材料。</source>
        <translation>Save the draft first, then add photos, PDF, Word or Excel files as evidence.</translation>
    </message>
    <message>
        <source>选择佐证材料</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>正在添加…</source>
        <translation>Adding…</translation>
    </message>
    <message>
        <source>删除佐证材料</source>
        <translation>Remove evidence file</translation>
    </message>
    <message>
        <source>从本条填报中删除所选佐证材料?删除记录会保留在审计日志中。</source>
        <translation>Remove the selected file from this entry? The removal stays in the audit log.</translation>
    </message>
    <message>
        <source>无法添加佐证材料</source>
        <translation>Cannot add the evidence file</translation>
    </message>
    <message>
        <source>大小上限…</source>
        <translation>Size limit…</translation>
    </message>
    <message>
        <source>设置每个佐证材料文件的大小上限(协同办)</source>
        <translation>Set the size limit of each evidence file (coordination office)</translation>
    </message>
    <message>
        <source>{0}
{1} · {2}</source>
        <translation>{0}
{1} · {2}</translation>
    </message>
    <message>
        <source>可把文件拖到上面的列表中;每个不超过 {0},不接受程序文件。</source>
        <translation>You can drop files onto the list above; each at most {0}, no programs.</translation>
    </message>
    <message>
        <source>选中文件后在此预览</source>
        <translation>Select a file to preview it here</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>无法预览,可双击用系统程序打开</source>
        <translation>No preview; double-click to open it with the system viewer</translation>
    </message>
    <message>
        <source>此类文件无预览,可双击打开</source>
        <translation>No preview for this kind of file; double-click to open it</translation>
    </message>
    <message>
        <source>删除所选佐证材料?删除记录会保留在审计日志中。</source>
        <translation>Remove the selected evidence file? The removal is kept in the audit log.</translation>
    </message>
    <message>
        <source>无法删除佐证材料</source>
        <translation>Cannot remove the evidence file</translation>
    </message>
    <message>
        <source>佐证材料设置</source>
        <translation>Evidence file settings</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>修改内容(原 → 新)</source>
        <translation>Changes (old → new)</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>审计日志记录每一次修改,不能在程序中更改;每条记录带有上一条的哈希,绕过程序的改动可用“jjjdesk-cli audit verify”查出。</source>
        <translation>The audit log records every change and cannot be altered in the program; each record carries the hash of the previous one, so changes made around the program are found by “jjjdesk-cli audit verify”.</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>共 {0} 条 / 全部 {1} 条</source>
        <translation>{0} shown / {1} in total</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 {0} 条审计记录到 {1}</source>
        <translation>Exported {0} audit records to {1}</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>读取失败:{0}</source>
        <translation>Could not read the list: {0}</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup &amp; Restore</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>打开备份文件夹</source>
        <translation>Open backup folder</translation>
    </message>
    <message>
        <source>未打开数据库</source>
        <translation>No database open</translation>
    </message>
    <message>
        <source>当前连接的是服务器数据库(PostgreSQL),备份由服务器管理员使用 pg_dump 完成,请参阅《服务器部署说明》。</source>
        <translation>This is a server database (PostgreSQL): the server administrator backs it up with pg_dump, see the Server Setup guide.</translation>
    </message>
    <message>
        <source>共 {0} 个备份,保存在 {1}。程序每天首次启动时、每次导入和升级数据库之前自动备份,保留最近 {2} 个。恢复前会先备份当前数据,恢复后可以再恢复回来。</source>
        <translation>{0} backups in {1}. jjjdesk backs up automatically at the first start of each day and before every import and database upgrade, keeping the newest {2}. A restore first backs up the current data, so it can be undone by restoring again.</translation>
    </message>
    <message>
        <source>选择一个备份后恢复</source>
        <translation>Select a backup, then restore</translation>
    </message>
    <message>
        <source>只有管理员可以从备份恢复数据库</source>
        <translation>Only an administrator can restore the database from a backup</translation>
    </message>
    <message>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>用 {0} 的备份替换当前数据库吗?
此后的修改将被撤回;当前数据会先另存为一个“恢复前”备份,需要时可以再恢复回来。恢复期间数据库将关闭。</source>
        <translation>Replace the current database with the backup of {0}?
Changes made since then are withdrawn; the current data is first saved as a “before restore” backup, which you can restore if needed. The database is closed during the restore.</translation>
    </message>
    <message>
        <source>已从 {0} 的备份恢复。</source>
        <translation>Restored from the backup of {0}.</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>正在恢复数据库…</source>
        <translation>Restoring the database…</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>每日自动</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>导入前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <source>恢复前</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <source>升级前</source>
        <translation>Before upgrade</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>来源数据库</source>
        <translation>Source database</translation>
    </message>
    <message>
        <source>校验</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>{0}(旧备份,来源未记录)</source>
        <translation>{0} (old backup, source not recorded)</translation>
    </message>
    <message>
        <source>已校验</source>
        <translation>Verified</translation>
    </message>
</context>
<context>
    <name>BatchesDialog</name>
    <message>
        <source>导入记录</source>
        <translation>Import history</translation>
    </message>
    <message>
        <source>撤销导入会把该批次写入的内容恢复到导入之前;导入后又被修改过的记录不能撤销。</source>
        <translation>Undoing an import restores what the batch wrote to its state before the import; records changed after the import cannot be undone.</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>撤销导入批次 {0}(“{1}”)?该批次写入的内容将恢复到导入之前。</source>
        <translation>Undo import batch {0} (“{1}”)? What it wrote is restored to its state before the import.</translation>
    </message>
    <message>
        <source>正在撤销导入批次 {0}…</source>
        <translation>Undoing import batch {0}…</translation>
    </message>
</context>
<context>
    <name>BatchesModel</name>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>导入人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>填报</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>已撤销({0} {1:%m-%d %H:%M})</source>
        <translation>Undone ({0} {1:%m-%d %H:%M})</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>{0} 个工作日</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <source>含配合事项 {0} 项,已报 {1} 项</source>
        <translation>Includes {0} cooperating parts, {1} reported</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>工作日历</source>
        <translation>Working-day calendar</translation>
    </message>
    <message>
        <source>程序还没有 {0} 年的法定节假日和调休安排:这些年份暂按周末计算工作日。请按国务院办公厅的通知,在下面逐日录入放假日和调休上班日。</source>
        <translation>The app does not have the statutory holidays and make-up days of {0} yet: working days in those years count weekends only. Enter the days off and make-up working days below, day by day, from the State Council notice.</translation>
    </message>
    <message>
        <source>休息日</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>工作日(调休上班)</source>
        <translation>Working day (make-up day)</translation>
    </message>
    <message>
        <source>说明,如“春节”“国庆调休”</source>
        <translation>Note, e.g. “Spring Festival”</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>当前密码:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <source>新密码:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再次输入:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords do not match.</translation>
    </message>
    <message>
        <source>“{0}”的密码是管理员设置的临时密码,请先设置您自己的密码(至少 10 位,含大小写字母、数字、符号中的三类)。</source>
        <translation>The password of “{0}” is a temporary one set by the administrator. Please set your own password (at least 10 characters from three of: capitals, small letters, digits, signs).</translation>
    </message>
    <message>
        <source>修改“{0}”的密码(至少 10 位,含大小写字母、数字、符号中的三类)。</source>
        <translation>Change the password of “{0}” (at least 10 characters from three of: capitals, small letters, digits, signs).</translation>
    </message>
    <message>
        <source>“{0}”的密码已超过有效期,请先设置新密码(至少 10 位,含大小写字母、数字、符号中的三类)。</source>
        <translation>The password of “{0}” has expired. Please set a new one first (at least 10 characters, with three of: capitals, small letters, digits, symbols).</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>已复制图表“{0}”</source>
        <translation>Copied the chart “{0}”</translation>
    </message>
    <message>
        <source>保存图表</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</source>
        <translation>PNG image (*.png);;SVG vector image (*.svg)</translation>
    </message>
    <message>
        <source>尚无目标指标。在“目标指标”页登记指标及其基期、目标和各期数值。</source>
        <translation>No target indicators yet. Register indicators with their baseline, target and period values on the “Target indicators” page.</translation>
    </message>
    <message>
        <source>尚无年度计划投资或投资完成数据。</source>
        <translation>No planned or completed investment yet.</translation>
    </message>
    <message>
        <source>尚无重点任务和项目。登记任务、项目并填报进展后,这里按类别显示红黄绿灯。</source>
        <translation>No key tasks or projects yet. Once tasks and projects are registered and progress is reported, the lag lights by category appear here.</translation>
    </message>
    <message>
        <source>尚无带计划起止时间且填报了完成进度的任务或项目。</source>
        <translation>No task or project with a planned window and a reported completion yet.</translation>
    </message>
    <message>
        <source>尚无填报批次。在“填报批次”页发起一轮填报后,这里显示各单位的报送率。</source>
        <translation>No reporting rounds yet. After a round is started on the “Reporting rounds” page, each unit’s reporting rate appears here.</translation>
    </message>
</context>
<context>
    <name>CheckpointButtons</name>
    <message>
        <source>导出检查点…</source>
        <translation>Export checkpoint…</translation>
    </message>
    <message>
        <source>核对检查点…</source>
        <translation>Verify checkpoints…</translation>
    </message>
    <message>
        <source>选择审计员的私钥</source>
        <translation>Choose the auditor&apos;s private key</translation>
    </message>
    <message>
        <source>私钥 (*.key);;所有文件 (*)</source>
        <translation>Private key (*.key);;All files (*)</translation>
    </message>
    <message>
        <source>私钥口令</source>
        <translation>Private key passphrase</translation>
    </message>
    <message>
        <source>请输入私钥的口令:</source>
        <translation>Passphrase of the private key:</translation>
    </message>
    <message>
        <source>导出审计检查点</source>
        <translation>Export audit checkpoint</translation>
    </message>
    <message>
        <source>审计检查点 (*.json)</source>
        <translation>Audit checkpoint (*.json)</translation>
    </message>
    <message>
        <source>已导出审计检查点</source>
        <translation>Audit checkpoint exported</translation>
    </message>
    <message>
        <source>已导出审计检查点:至第 {0} 条,共 {1} 条记录,公钥编号 {2}。
{3}
请把它存放在服务器以外(例如审计员的 U 盘)。</source>
        <translation>Audit checkpoint exported: up to event {0}, {1} events, key id {2}.
{3}
Keep it off the server (on the auditor&apos;s USB stick, for instance).</translation>
    </message>
    <message>
        <source>选择审计检查点(可多选)</source>
        <translation>Choose audit checkpoints (several allowed)</translation>
    </message>
    <message>
        <source>选择审计员的公钥(须是审计员自己保存的那份)</source>
        <translation>Choose the auditor&apos;s public key (the auditor&apos;s own copy)</translation>
    </message>
    <message>
        <source>公钥 (*.pub);;所有文件 (*)</source>
        <translation>Public key (*.pub);;All files (*)</translation>
    </message>
    <message>
        <source>核对通过</source>
        <translation>Checkpoints agree</translation>
    </message>
    <message>
        <source>核对未通过</source>
        <translation>Verification failed</translation>
    </message>
    <message>
        <source>审计检查点</source>
        <translation>Audit checkpoint</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>保存冲突</source>
        <translation>Save conflict</translation>
    </message>
    <message>
        <source>在您编辑期间,{0}已被他人修改并保存。请对照两边的内容后选择:“以我的为准”用您的修改覆盖他人的版本;“放弃我的修改”载入他人的版本。有差异的字段以黄色标出。</source>
        <translation>While you were editing, {0} was changed and saved by someone else. Compare both versions, then choose: “Keep mine” overwrites the other version with your changes; “Discard my changes” loads the other version. Fields that differ are marked in yellow.</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>他人的版本</source>
        <translation>Their version</translation>
    </message>
    <message>
        <source>我的修改</source>
        <translation>My changes</translation>
    </message>
    <message>
        <source>以我的为准</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>放弃我的修改</source>
        <translation>Discard my changes</translation>
    </message>
    <message>
        <source>稍后决定</source>
        <translation>Decide later</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>连接服务器</source>
        <translation>Connect to server</translation>
    </message>
    <message>
        <source>例如 192.168.1.20 或 db.xtb.local</source>
        <translation>e.g. 192.168.1.20 or db.xtb.local</translation>
    </message>
    <message>
        <source>服务器地址:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>端口:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>数据库:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>密码:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>连接本单位的 PostgreSQL 服务器,各工作站共用一个台账数据库。服务器由管理员按《服务器部署说明》设置。</source>
        <translation>Connect to your office&apos;s PostgreSQL server, so that all workstations share one ledger database. The administrator sets up the server following the Server Setup guide.</translation>
    </message>
    <message>
        <source>正在连接 {0}:{1}…</source>
        <translation>Connecting to {0}:{1}…</translation>
    </message>
    <message>
        <source>连接成功(PostgreSQL {0})。</source>
        <translation>Connected (PostgreSQL {0}).</translation>
    </message>
    <message>
        <source>数据库尚未建表,连接后将自动创建。</source>
        <translation>The database has no tables yet; they will be created when you connect.</translation>
    </message>
    <message>
        <source>请填写:{0}</source>
        <translation>Please fill in: {0}</translation>
    </message>
    <message>
        <source>优先加密(服务器不支持时不加密)</source>
        <translation>Prefer encryption (plaintext if the server has none)</translation>
    </message>
    <message>
        <source>必须加密</source>
        <translation>Require encryption</translation>
    </message>
    <message>
        <source>验证证书(最安全)</source>
        <translation>Verify the certificate (safest)</translation>
    </message>
    <message>
        <source>本单位 CA 证书文件(.crt / .pem),向管理员索取</source>
        <translation>Your office&apos;s CA certificate file (.crt / .pem), from the administrator</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>加密连接:</source>
        <translation>Encryption:</translation>
    </message>
    <message>
        <source>CA 证书文件:</source>
        <translation>CA certificate file:</translation>
    </message>
    <message>
        <source>选择 CA 证书文件</source>
        <translation>Choose the CA certificate file</translation>
    </message>
    <message>
        <source>证书文件 (*.crt *.pem *.cer);;所有文件 (*)</source>
        <translation>Certificate files (*.crt *.pem *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>已加密({0})。</source>
        <translation>Encrypted ({0}).</translation>
    </message>
    <message>
        <source>注意:连接未加密,密码和数据以明文在网络上传输。</source>
        <translation>Note: the connection is not encrypted; the password and the data cross the network in plain text.</translation>
    </message>
    <message>
        <source>本人账号(每人用自己的用户名和密码登录)</source>
        <translation>Own account (everyone signs in with their own user name and password)</translation>
    </message>
    <message>
        <source>数据库账号(数据库所有者,或未执行 server init 的服务器)</source>
        <translation>Database account (the database owner, or a server without server init)</translation>
    </message>
    <message>
        <source>jjjdesk(服务器上第二个台账数据库另有前缀时填写)</source>
        <translation>jjjdesk (fill in when a second ledger database on the server has its own prefix)</translation>
    </message>
    <message>
        <source>登录方式:</source>
        <translation>Sign in with:</translation>
    </message>
    <message>
        <source>角色前缀:</source>
        <translation>Role prefix:</translation>
    </message>
    <message>
        <source>数据库用户名:</source>
        <translation>Database user:</translation>
    </message>
    <message>
        <source>数据库账号的密码不保存在本机,每次启动时输入。</source>
        <translation>The database account&apos;s password is not stored on this computer; it is asked at every start.</translation>
    </message>
    <message>
        <source>本机只保存服务器地址,不保存任何密码;启动时输入本人的用户名和密码登录。</source>
        <translation>Only the server&apos;s address is stored on this computer, never a password; at start you sign in with your own user name and password.</translation>
    </message>
    <message>
        <source>服务器可以连接(已加密)。启动时用本人的用户名和密码登录。</source>
        <translation>The server can be reached (encrypted). At start, sign in with your own user name and password.</translation>
    </message>
    <message>
        <source>服务器可以连接。启动时用本人的用户名和密码登录。</source>
        <translation>The server can be reached. At start, sign in with your own user name and password.</translation>
    </message>
    <message>
        <source>角色前缀只能由小写字母、数字和下划线组成,以字母开头,至多 20 个字符。</source>
        <translation>The role prefix may hold only small letters, digits and underscores, must start with a letter and be at most 20 characters.</translation>
    </message>
</context>
<context>
    <name>CoopPartsPanel</name>
    <message>
        <source>配合事项:本单位为以下事项的配合单位(或共同牵头单位),请填写本单位承担部分的进展;牵头单位的进展仅供参考。</source>
        <translation>Cooperating items: this unit cooperates on (or jointly leads) the items below. Report the progress of its own part; the lead unit&apos;s progress is shown for reference.</translation>
    </message>
    <message>
        <source>保存配合进展</source>
        <translation>Save cooperating parts</translation>
    </message>
    <message>
        <source>{0} 项已修改,尚未保存</source>
        <translation>{0} items changed, not saved yet</translation>
    </message>
    <message>
        <source>已保存 {0} 项配合进展。</source>
        <translation>Saved {0} cooperating parts.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>需协调的问题(最早提出的在前)</source>
        <translation>Problems needing coordination (oldest first)</translation>
    </message>
    <message>
        <source>正在更新…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <source>更新失败:{0}</source>
        <translation>Update failed: {0}</translation>
    </message>
    <message>
        <source>没有待协调或协调中的问题。</source>
        <translation>No problems awaiting or under coordination.</translation>
    </message>
    <message>
        <source>共 {0} 项</source>
        <translation>{0} items</translation>
    </message>
    <message>
        <source>新台账:尚未登记任务和项目</source>
        <translation>New ledger: no tasks or projects registered yet</translation>
    </message>
    <message>
        <source>数据截至{0} · 更新于 {1}</source>
        <translation>Data as of {0} · updated {1}</translation>
    </message>
    <message>
        <source>{0} 项</source>
        <translation>{0} items</translation>
    </message>
    <message>
        <source>年度计划 {0:,.1f} 亿元</source>
        <translation>Plan this year {0:,.1f} × 100 M yuan</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>按评价口径:{0}</source>
        <translation>As judged: {0}</translation>
    </message>
    <message>
        <source>当前报告期</source>
        <translation>Current period</translation>
    </message>
</context>
<context>
    <name>DiagnosticsModel</name>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>单元格内容</source>
        <translation>Cell content</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>0–100</source>
        <translation>0–100</translation>
    </message>
    <message>
        <source>亿元</source>
        <translation>100 M yuan</translation>
    </message>
    <message>
        <source>累计投资低于上期累计时须说明</source>
        <translation>Required when the cumulative investment is below the previous period’s</translation>
    </message>
    <message>
        <source>推进情况</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>完成进度(%)</source>
        <translation>Completion (%)</translation>
    </message>
    <message>
        <source>本期完成投资(亿元)</source>
        <translation>Investment this period (100 M yuan)</translation>
    </message>
    <message>
        <source>累计完成投资(亿元)</source>
        <translation>Cumulative investment (100 M yuan)</translation>
    </message>
    <message>
        <source>工作进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>需协调事项</source>
        <translation>Needs coordination</translation>
    </message>
    <message>
        <source>累计投资说明</source>
        <translation>Cumulative investment note</translation>
    </message>
    <message>
        <source>本期填报</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>上期填报(只读)</source>
        <translation>Previous period (read-only)</translation>
    </message>
    <message>
        <source>沿用上期</source>
        <translation>Copy previous</translation>
    </message>
    <message>
        <source>把上期的推进情况、进度、累计投资和文字填入本期(本期投资留空),保存前可修改</source>
        <translation>Fill this period with the previous period&apos;s assessment, completion, cumulative investment and texts (investment this period left empty); you can edit before saving</translation>
    </message>
    <message>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>进展填报 — {0}</source>
        <translation>Progress entry — {0}</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>未填报</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source> · 牵头单位:{0}</source>
        <translation> · Lead unit: {0}</translation>
    </message>
    <message>
        <source>状态:{0}{1}</source>
        <translation>State: {0}{1}</translation>
    </message>
    <message>
        <source>只读:{0}</source>
        <translation>Read-only: {0}</translation>
    </message>
    <message>
        <source>退回意见:{0}</source>
        <translation>Returned with comment: {0}</translation>
    </message>
    <message>
        <source>上期填报(无)</source>
        <translation>Previous period (none)</translation>
    </message>
    <message>
        <source>上期填报:{0}({1},只读)</source>
        <translation>Previous period: {0} ({1}, read-only)</translation>
    </message>
    <message>
        <source>已填入上期内容,请核对后保存。</source>
        <translation>Filled in from the previous period; please check before saving.</translation>
    </message>
    <message>
        <source>他人已修改</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>已报送。</source>
        <translation>Submitted.</translation>
    </message>
    <message>
        <source>本条填报</source>
        <translation>this entry</translation>
    </message>
    <message>
        <source>配合单位进展(只读)</source>
        <translation>Cooperating units&apos; parts (read-only)</translation>
    </message>
    <message>
        <source>{0}({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0}:未报</source>
        <translation>{0}: not reported</translation>
    </message>
    <message>
        <source> [完成 {0}%]</source>
        <translation> [{0}% done]</translation>
    </message>
    <message>
        <source>{0}:{1}{2}</source>
        <translation>{0}: {1}{2}</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <source>将附加</source>
        <extracomment>The statuses&apos; labels as the core writes them (`importing.views.EVIDENCE_LABELS`).</extracomment>
        <translation>To attach</translation>
    </message>
    <message>
        <source>不附加</source>
        <translation>Not attached</translation>
    </message>
    <message>
        <source>未对应到行</source>
        <translation>No matching row</translation>
    </message>
    <message>
        <source>未附加</source>
        <translation>Not attached</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>对应事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>导出台账(&amp;L)…</source>
        <translation>Export &amp;ledger…</translation>
    </message>
    <message>
        <source>生成填报模板(&amp;T)…</source>
        <translation>Generate reporting &amp;templates…</translation>
    </message>
    <message>
        <source>导出会议材料(&amp;M)…</source>
        <translation>Export &amp;meeting pack…</translation>
    </message>
    <message>
        <source>导出当前列表(&amp;C)…</source>
        <translation>Export &amp;current list…</translation>
    </message>
    <message>
        <source>请先打开数据库。</source>
        <translation>Please open a database first.</translation>
    </message>
    <message>
        <source>保存台账</source>
        <translation>Save ledger</translation>
    </message>
    <message>
        <source>台账已导出</source>
        <translation>Ledger exported</translation>
    </message>
    <message>
        <source>已导出“{0}”:{1} 行,工作表:{2}。</source>
        <translation>Exported “{0}”: {1} rows, sheets: {2}.</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>正在导出“{0}”…</source>
        <translation>Exporting “{0}”…</translation>
    </message>
    <message>
        <source>选择保存模板的文件夹</source>
        <translation>Choose a folder for the templates</translation>
    </message>
    <message>
        <source>填报模板已生成</source>
        <translation>Reporting templates generated</translation>
    </message>
    <message>
        <source>已为“{0}”生成 {1} 个单位的填报模板。</source>
        <translation>Generated reporting templates for {1} units of “{0}”.</translation>
    </message>
    <message>
        <source>生成填报模板</source>
        <translation>Generate reporting templates</translation>
    </message>
    <message>
        <source>正在生成“{0}”的填报模板…</source>
        <translation>Generating the reporting templates of “{0}”…</translation>
    </message>
    <message>
        <source>选择保存会议材料的位置</source>
        <translation>Choose where to save the meeting pack</translation>
    </message>
    <message>
        <source>会议材料已生成</source>
        <translation>Meeting pack generated</translation>
    </message>
    <message>
        <source>已生成 {0} 个文件:
{1}</source>
        <translation>Generated {0} files:
{1}</translation>
    </message>
    <message>
        <source>导出会议材料</source>
        <translation>Export meeting pack</translation>
    </message>
    <message>
        <source>正在生成“{0}”…</source>
        <translation>Generating “{0}”…</translation>
    </message>
    <message>
        <source>当前页面没有可导出的列表。</source>
        <translation>This page has no list to export.</translation>
    </message>
    <message>
        <source>打印预览简报(&amp;B)…</source>
        <translation>Print preview of the &amp;brief…</translation>
    </message>
    <message>
        <source>打印预览台账(&amp;P)…</source>
        <translation>&amp;Print preview of a ledger…</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>正在生成简报…</source>
        <translation>Building the brief…</translation>
    </message>
    <message>
        <source>正在生成台账…</source>
        <translation>Building the ledger…</translation>
    </message>
    <message>
        <source>打印预览当前列表(&amp;L)…</source>
        <translation>Print preview current list(&amp;L)…</translation>
    </message>
    <message>
        <source>当前页面没有可打印的列表。</source>
        <translation>This page has no list to print.</translation>
    </message>
    <message>
        <source>红灯事项佐证材料 {0} 个,共 {1},在“{2}”文件夹中。</source>
        <translation>{0} evidence files of red items, {1} in total, in the folder &quot;{2}&quot;.</translation>
    </message>
    <message>
        <source>本期红灯事项没有佐证材料。</source>
        <translation>The red items of this period have no evidence files.</translation>
    </message>
    <message>
        <source>{0} 个佐证材料在数据库中的内容已损坏,未导出。</source>
        <translation>{0} evidence files are damaged in the database and were not exported.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>生成填报模板</source>
        <translation>Generate reporting templates</translation>
    </message>
    <message>
        <source>导出会议材料</source>
        <translation>Export meeting pack</translation>
    </message>
    <message>
        <source>重点项目推进情况台账</source>
        <translation>Key projects progress ledger</translation>
    </message>
    <message>
        <source>重点任务推进情况台账</source>
        <translation>Key tasks progress ledger</translation>
    </message>
    <message>
        <source>台账:</source>
        <translation>Ledger:</translation>
    </message>
    <message>
        <source>按填报批次</source>
        <translation>By reporting round</translation>
    </message>
    <message>
        <source>按统计期次</source>
        <translation>By period</translation>
    </message>
    <message>
        <source>{0}(截止 {1:%Y-%m-%d},{2})</source>
        <translation>{0} (due {1:%Y-%m-%d}, {2})</translation>
    </message>
    <message>
        <source>填报批次:</source>
        <translation>Reporting round:</translation>
    </message>
    <message>
        <source>范围:</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>每个类别一个工作表</source>
        <translation>One sheet per category</translation>
    </message>
    <message>
        <source>附目标指标完成情况表</source>
        <translation>Add the target indicators sheet</translation>
    </message>
    <message>
        <source>包含尚未报送的草稿和退回的填报</source>
        <translation>Include drafts and returned entries not yet submitted</translation>
    </message>
    <message>
        <source>选项:</source>
        <translation>Options:</translation>
    </message>
    <message>
        <source>按期次导出时包含全部项目或任务;按批次导出时只含该批次的填报范围。</source>
        <translation>By period, the ledger holds all projects or tasks; by round, only the round&apos;s scope.</translation>
    </message>
    <message>
        <source>为批次中的每个单位生成一个 Excel 模板,文件名形如“2024年3月月报_市发展改革委.xlsx”。</source>
        <translation>Generates one Excel template for each unit in the round, named like “2024年3月月报_市发展改革委.xlsx”.</translation>
    </message>
    <message>
        <source>在所选文件夹中新建一个材料文件夹:重点项目台账、重点任务台账、仪表盘图表和简报 PDF。</source>
        <translation>Creates a pack folder in the chosen folder: key projects ledger, key tasks ledger, dashboard charts and the PDF brief.</translation>
    </message>
    <message>
        <source>还没有填报批次。请先在“填报批次”页新建批次。</source>
        <translation>No reporting rounds yet. Create one on the “Reporting rounds” page first.</translation>
    </message>
    <message>
        <source>生成…</source>
        <translation>Generate…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>台账字体…</source>
        <translation>Ledger fonts…</translation>
    </message>
    <message>
        <source>导出台账的正文和标题字体(本数据库的所有用户共用)</source>
        <translation>Body and title fonts of exported ledgers (shared by every user of this database)</translation>
    </message>
    <message>
        <source>台账字体</source>
        <translation>Ledger fonts</translation>
    </message>
    <message>
        <source>附红灯事项的佐证材料(每个事项一个文件夹,另附清单)</source>
        <translation>Include the red items&apos; evidence (a folder per item, with a list)</translation>
    </message>
    <message>
        <source>本期红灯事项填报所附的照片、文件等;文件较多时材料包会较大</source>
        <translation>Photos and files attached to this period&apos;s red items&apos; reports; many files make a large pack</translation>
    </message>
</context>
<context>
    <name>ExtensionDecisionDialog</name>
    <message>
        <source>批准延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <source>不批准延期</source>
        <translation>Reject extension</translation>
    </message>
    <message>
        <source>审批意见(可留空)</source>
        <translation>Decision note (optional)</translation>
    </message>
    <message>
        <source>不批准的理由(必填)</source>
        <translation>Reason for rejecting (required)</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>{0} → {1}</source>
        <translation>{0} → {1}</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
</context>
<context>
    <name>ExtensionRequestDialog</name>
    <message>
        <source>申请延期</source>
        <translation>Request an extension</translation>
    </message>
    <message>
        <source>延期理由:客观原因、已采取的措施、新的完成计划</source>
        <translation>Reason: the cause, what was done, the new plan</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>现定完成时限</source>
        <translation>Current due date</translation>
    </message>
    <message>
        <source>申请延期至</source>
        <translation>Extend until</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>请选择要延期的事项</source>
        <translation>Choose the item to extend</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence files</translation>
    </message>
    <message>
        <source>正在保存申请和佐证材料…</source>
        <translation>Saving the request and its evidence files…</translation>
    </message>
</context>
<context>
    <name>ExtensionsPage</name>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>申请延期…</source>
        <translation>Request extension…</translation>
    </message>
    <message>
        <source>批准…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>不批准…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>{0} 条申请</source>
        <translation>{0} requests</translation>
    </message>
    <message>
        <source>选中一项申请,在此查看和添加其佐证材料。</source>
        <translation>Select a request to see and add its evidence files here.</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>创建管理员</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <source>服务器数据库 {0} 还没有用户。请创建第一个管理员账号,之后用它登录并添加其他用户。</source>
        <translation>The server database {0} has no users yet. Create the first administrator account; then sign in with it and add the other users.</translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>管理员用户名:</source>
        <translation>Administrator user name:</translation>
    </message>
    <message>
        <source>密码:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再次输入:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>请输入用户名。</source>
        <translation>Please enter a user name.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>填报历史 — {0}</source>
        <translation>Reporting history — {0}</translation>
    </message>
    <message>
        <source>全部期次</source>
        <translation>All periods</translation>
    </message>
    <message>
        <source>期次</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>季度视图</source>
        <translation>By quarter</translation>
    </message>
    <message>
        <source>尚无填报。</source>
        <translation>No entries yet.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>本期工作台</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>催报…</source>
        <translation>Remind…</translation>
    </message>
    <message>
        <source>打开填报批次页,生成尚未报送单位的催报通知</source>
        <translation>Open the rounds page and write reminders for the units that have not reported</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>未报送单位</source>
        <translation>Units not reported</translation>
    </message>
    <message>
        <source>逾期未报单位</source>
        <translation>Units overdue</translation>
    </message>
    <message>
        <source>退回待改单位</source>
        <translation>Units returned</translation>
    </message>
    <message>
        <source>待审核填报</source>
        <translation>Entries to review</translation>
    </message>
    <message>
        <source>红灯事项</source>
        <translation>Red items</translation>
    </message>
    <message>
        <source>待协调事项</source>
        <translation>Coordination needs</translation>
    </message>
    <message>
        <source>逾期未办结问题</source>
        <translation>Problems past due</translation>
    </message>
    <message>
        <source>30天内到期事项</source>
        <translation>Items due within 30 days</translation>
    </message>
    <message>
        <source>待审批延期申请</source>
        <translation>Extensions to decide</translation>
    </message>
    <message>
        <source>当前没有进行中的填报批次。可在“填报批次”页创建。</source>
        <translation>No round is open. Create one on the Rounds page.</translation>
    </message>
    <message>
        <source>还有 {0} 天({1} 个工作日)</source>
        <translation>{0} days left ({1} working days)</translation>
    </message>
    <message>
        <source>今天截止</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>已过截止日期 {0} 天</source>
        <translation>{0} days past the deadline</translation>
    </message>
    <message>
        <source>{0}:截止 {1},{2};已报送 {3}/{4} 个单位。</source>
        <translation>{0}: due {1}, {2}; {3}/{4} units reported.</translation>
    </message>
    <message>
        <source>较上期新增 {0} 项</source>
        <translation>{0} new since the last round</translation>
    </message>
    <message>
        <source>无法读取本期工作台</source>
        <translation>Cannot read this period&apos;s summary</translation>
    </message>
    <message>
        <source>临期提醒({0} 个工作日内截止、尚未报送):</source>
        <translation>Due soon (deadline within {0} working days, not yet submitted):</translation>
    </message>
    <message>
        <source>{0} 个工作日后截止</source>
        <translation>due in {0} working days</translation>
    </message>
    <message>
        <source>{0} 等 {1} 个单位</source>
        <translation>{0} and others, {1} units</translation>
    </message>
    <message>
        <source>· {0}({1},{2}):{3}</source>
        <translation>· {0} ({1}, {2}): {3}</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
    <message>
        <source>无法核对密码,请稍后再试。</source>
        <translation>The password could not be checked. Please try again later.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>保存批注副本</source>
        <translation>Save annotated copy</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>导入填报(&amp;I)…</source>
        <translation>&amp;Import returns…</translation>
    </message>
    <message>
        <source>导入单位报送的 Excel/CSV 填报表(也可把文件拖到窗口上)</source>
        <translation>Import the Excel/CSV returns sent by units (or drop the files on the window)</translation>
    </message>
    <message>
        <source>导入台账(&amp;R)…</source>
        <translation>Import &amp;registry…</translation>
    </message>
    <message>
        <source>导入记录(&amp;H)…</source>
        <translation>Import &amp;history…</translation>
    </message>
    <message>
        <source>选择要导入的填报文件</source>
        <translation>Choose the returns to import</translation>
    </message>
    <message>
        <source>选择要导入的台账文件</source>
        <translation>Choose the registry file to import</translation>
    </message>
    <message>
        <source>只能导入 .xlsx、.xlsm、.xls 或 .csv 文件,已跳过:{0}</source>
        <translation>Only .xlsx, .xlsm, .xls or .csv files can be imported; skipped: {0}</translation>
    </message>
    <message>
        <source>请先打开数据库。</source>
        <translation>Please open a database first.</translation>
    </message>
    <message>
        <source>读取文件</source>
        <translation>Read file</translation>
    </message>
    <message>
        <source>正在读取并核对“{0}”…</source>
        <translation>Reading and checking “{0}”…</translation>
    </message>
    <message>
        <source>无法导入“{0}”</source>
        <translation>Cannot import “{0}”</translation>
    </message>
    <message>
        <source>批注副本已保存</source>
        <translation>Annotated copy saved</translation>
    </message>
    <message>
        <source>已写出“{0}”:有问题的单元格已标色并附批注,可退回单位修改。</source>
        <translation>Wrote “{0}”: problem cells are coloured and commented, ready to send back to the unit.</translation>
    </message>
    <message>
        <source>导出批注副本</source>
        <translation>Export annotated copy</translation>
    </message>
    <message>
        <source>正在写批注副本…</source>
        <translation>Writing the annotated copy…</translation>
    </message>
    <message>
        <source>导入前已备份数据库:{0}</source>
        <translation>Database backed up before the import: {0}</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <source>导入未完成</source>
        <translation>Import not completed</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>正在导入“{0}”…</source>
        <translation>Importing “{0}”…</translation>
    </message>
    <message>
        <source>核对设置(&amp;S)…</source>
        <translation>Check &amp;settings…</translation>
    </message>
    <message>
        <source>投资数字相差多少以内视为一致(填报、整表填报和导入共用)</source>
        <translation>How close investment figures must be to agree (shared by entry, the sheet and imports)</translation>
    </message>
    <message>
        <source>核对设置</source>
        <translation>Check settings</translation>
    </message>
    <message>
        <source>Excel、CSV 或 zip 文件 (*.xlsx *.xlsm *.xls *.csv *.zip);;所有文件 (*)</source>
        <extracomment>A return with its evidence: a .zip or a folder (`importing.is_bundle`).</extracomment>
        <translation>Excel, CSV or zip files (*.xlsx *.xlsm *.xls *.csv *.zip);;All files (*)</translation>
    </message>
    <message>
        <source>导入填报文件夹(&amp;F)…</source>
        <translation>Import return &amp;folder…</translation>
    </message>
    <message>
        <source>导入一个文件夹中的填报表及佐证材料(按序号或项目编号命名的文件附加到对应的行);zip 压缩包可用“导入填报”选择</source>
        <translation>Import a folder holding a return and its evidence (files named by serial number or project code are attached to their rows); choose a zip file with &quot;Import returns&quot;</translation>
    </message>
    <message>
        <source>选择填报文件夹(报表及佐证材料)</source>
        <translation>Choose the return folder (workbook and evidence)</translation>
    </message>
    <message>
        <source>只能导入 .xlsx、.xlsm、.xls、.csv 文件,或含报表及佐证材料的文件夹、.zip 压缩包,已跳过:{0}</source>
        <translation>Only .xlsx, .xlsm, .xls and .csv files, or a folder or .zip holding a return and its evidence, can be imported; skipped: {0}</translation>
    </message>
</context>
<context>
    <name>IndicatorForm</name>
    <message>
        <source>如 万标准箱、%、亿元、公里</source>
        <translation>e.g. 10k TEU, %, 100 M yuan, km</translation>
    </message>
    <message>
        <source>如 2022</source>
        <translation>e.g. 2022</translation>
    </message>
    <message>
        <source>指标名称 *</source>
        <translation>Indicator name *</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>所属方案 *</source>
        <translation>Plan *</translation>
    </message>
    <message>
        <source>所属任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>基期年份</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <source>基期值</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>目标年份</source>
        <translation>Target year</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>(未指定)</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>IndicatorsModel</name>
    <message>
        <source>指标名称</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>基期值</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>最新值</source>
        <translation>Latest value</translation>
    </message>
    <message>
        <source>完成进度</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>{0}({1}年)</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0}({1})</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>LightsDialog</name>
    <message>
        <source>正在读取…</source>
        <extracomment>评价口径 changed: the round the lights and the dashboard judge by (None: today).</extracomment>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>共 {0} 项,按落后程度排列</source>
        <translation>{0} items, most behind first</translation>
    </message>
    <message>
        <source>读取失败:{0}</source>
        <translation>Reading failed: {0}</translation>
    </message>
</context>
<context>
    <name>LightsPage</name>
    <message>
        <source>全部灯色</source>
        <translation>All lights</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>重点项目</source>
        <translation>Key projects</translation>
    </message>
    <message>
        <source>任务和项目</source>
        <translation>Tasks and projects</translation>
    </message>
    <message>
        <source>按灯色(红灯在前)</source>
        <translation>By light (red first)</translation>
    </message>
    <message>
        <source>按落后程度</source>
        <translation>By lag</translation>
    </message>
    <message>
        <source>按编号</source>
        <translation>By number</translation>
    </message>
    <message>
        <source>阈值设置…</source>
        <translation>Thresholds…</translation>
    </message>
    <message>
        <source>历史…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>共 {0} 项:{1}</source>
        <translation>{0} items: {1}</translation>
    </message>
    <message>
        <source>无法计算红黄绿灯</source>
        <translation>Cannot calculate the lag lights</translation>
    </message>
    <message>
        <source>评价口径:按填报批次评价(与该批次的台账、简报一致),或按今天</source>
        <translation>Judge as of: a round (as its ledger and brief do), or today</translation>
    </message>
    <message>
        <source>评价口径</source>
        <translation>Judge as of</translation>
    </message>
    <message>
        <source>按今天({0})</source>
        <translation>Today ({0})</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>新增一条记录(Ctrl+N)</source>
        <translation>Add a record (Ctrl+N)</translation>
    </message>
    <message>
        <source>搜索名称,或输入拼音首字母</source>
        <translation>Search by name or pinyin initials</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>导出当前列表:显示的列、筛选和排序(Excel)</source>
        <translation>Export the current list: the columns, filter and order shown (Excel)</translation>
    </message>
    <message>
        <source>新记录</source>
        <translation>New record</translation>
    </message>
    <message>
        <source>“{0}”有尚未保存的修改,是否保存?</source>
        <translation>“{0}” has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>显示或收起右侧的详情表单,收起后列表占满宽度</source>
        <translation>Show or fold away the details form on the right; folded, the list takes the whole width</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>窗口已锁定</source>
        <extracomment>The section&apos;s own margins and the sort arrow.</extracomment>
        <translation>Window locked</translation>
    </message>
    <message>
        <source>长时间无操作,窗口已锁定,未保存的内容仍在。请输入“{0}”的密码解锁。</source>
        <translation>The window was locked after a period without activity; unsaved work is kept. Enter the password of “{0}” to unlock.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <extracomment>A figure, a period (&quot;2024年7月&quot;, &quot;2024年第1季度&quot;) or a day (&quot;2027年12月31日&quot;). Chinese and ASCII punctuation of the services&apos; texts, as English sets it.</extracomment>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>请登录京津冀协同发展台账。
数据库:{0}</source>
        <translation>Please sign in to the Beijing–Tianjin–Hebei coordination ledger.
Database: {0}</translation>
    </message>
    <message>
        <source>请登录京津冀协同发展台账。</source>
        <translation>Please sign in to the Beijing–Tianjin–Hebei coordination ledger.</translation>
    </message>
    <message>
        <source>用户名:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation>Please enter your user name and password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>京津冀协同发展 重点任务与项目台账</source>
        <translation>Beijing–Tianjin–Hebei Coordination · Key Tasks and Projects Ledger</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>打开数据库(&amp;O)…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>新建空数据库(&amp;N)…</source>
        <translation>&amp;New empty database…</translation>
    </message>
    <message>
        <source>连接服务器(&amp;S)…</source>
        <translation>Connect to &amp;server…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>新增(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>数据库:{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>未打开数据库</source>
        <translation>No database open</translation>
    </message>
    <message>
        <source>共 {0} 个项目 · {1} 项任务 · {2} 个单位 · {3} 个指标</source>
        <translation>{0} projects · {1} tasks · {2} units · {3} indicators</translation>
    </message>
    <message>
        <source>可撤销:{0}</source>
        <translation>Can undo: {0}</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>台账数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</source>
        <translation>Ledger databases (*.sqlite3 *.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>新建空数据库</source>
        <translation>New empty database</translation>
    </message>
    <message>
        <source>台账数据库 (*.sqlite3)</source>
        <translation>Ledger database (*.sqlite3)</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&lt;b&gt;京津冀协同发展 重点任务与项目台账&lt;/b&gt;&lt;br&gt;版本 {0}&lt;br&gt;&lt;br&gt;重点任务、重点项目、责任单位与目标指标的登记、填报与调度。</source>
        <translation>&lt;b&gt;Beijing–Tianjin–Hebei Coordination · Key Tasks and Projects Ledger&lt;/b&gt;&lt;br&gt;Version {0}&lt;br&gt;&lt;br&gt;Registry, progress reporting and dispatch of key tasks, key projects, responsible units and target indicators.</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>导出(&amp;X)</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>此数据库位于只读位置(只读U盘、光盘或没有写权限的文件夹),只能查看和导出,不能修改。要修改,请把文件复制到可写的文件夹后再打开。</source>
        <translation>This database is on a read-only location (a read-only USB drive, a disc or a folder without write permission): it can be viewed and exported, not changed. To change it, copy the file to a writable folder and open the copy.</translation>
    </message>
    <message>
        <source>已加密({0})</source>
        <translation>Encrypted ({0})</translation>
    </message>
    <message>
        <source>连接未加密</source>
        <translation>Not encrypted</translation>
    </message>
    <message>
        <source>与服务器之间的数据以明文传输。请管理员在服务器上启用 TLS,并在“文件 → 连接服务器…”中选择“验证证书”。</source>
        <translation>Data to and from the server travels in plain text. Ask the administrator to enable TLS on the server, then choose “Verify the certificate” in File → Connect to server….</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>列对应</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>请为文件中的每一列选择对应的台账内容;黄色的是没有把握的列。选择“(不导入)”的列不会读取。</source>
        <translation>Choose what each column of the file holds; yellow columns are uncertain guesses. Columns set to “(not imported)” are not read.</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>示例内容</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>对应台账内容</source>
        <translation>Maps to</translation>
    </message>
    <message>
        <source>记住这些对应关系,{0}以后的报表自动使用</source>
        <translation>Remember this mapping for future returns of {0}</translation>
    </message>
    <message>
        <source>记住这些对应关系,所有单位以后的报表自动使用</source>
        <translation>Remember this mapping for all units&apos; future returns</translation>
    </message>
    <message>
        <source>重新预览</source>
        <translation>Preview again</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NewRoundDialog</name>
    <message>
        <source>新建填报批次</source>
        <translation>New reporting round</translation>
    </message>
    <message>
        <source>报告期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>批次名称</source>
        <translation>Round name</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>含分解任务</source>
        <translation>Include sub-tasks</translation>
    </message>
    <message>
        <source>重点项目</source>
        <translation>Key projects</translation>
    </message>
    <message>
        <source>责任单位(不选为全部)</source>
        <translation>Responsible units (none selected = all)</translation>
    </message>
    <message>
        <source>任务类别(不选为全部)</source>
        <translation>Task categories (none selected = all)</translation>
    </message>
    <message>
        <source>项目类型(不选为全部)</source>
        <translation>Project kinds (none selected = all)</translation>
    </message>
    <message>
        <source>勾选要填报的任务和项目(各自由牵头单位填报)</source>
        <translation>Tick the tasks and projects to report on (each is reported by its lead unit)</translation>
    </message>
    <message>
        <source>按条件选择范围</source>
        <translation>Select by criteria</translation>
    </message>
    <message>
        <source>逐项勾选</source>
        <translation>Pick items</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>{0}({1:%Y-%m-%d} 至 {2:%Y-%m-%d})</source>
        <translation>{0} ({1:%Y-%m-%d} to {2:%Y-%m-%d})</translation>
    </message>
    <message>
        <source>请至少勾选一项任务或项目。</source>
        <translation>Please tick at least one task or project.</translation>
    </message>
    <message>
        <source>部分事项未纳入</source>
        <translation>Some items left out</translation>
    </message>
    <message>
        <source>以下事项没有牵头单位,未纳入本批次:
{0}</source>
        <translation>These items have no lead unit and were left out of this round:
{0}</translation>
    </message>
</context>
<context>
    <name>PageCatalog</name>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>重点项目</source>
        <translation>Key projects</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible units</translation>
    </message>
    <message>
        <source>目标指标</source>
        <translation>Target indicators</translation>
    </message>
    <message>
        <source>填报批次</source>
        <translation>Reporting rounds</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>红黄绿灯</source>
        <translation>Lag lights</translation>
    </message>
    <message>
        <source>问题清单</source>
        <translation>Problem list</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup &amp; Restore</translation>
    </message>
    <message>
        <source>延期申请</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>本期工作台</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>红黑榜</source>
        <translation>Scorecard</translation>
    </message>
    <message>
        <source>搜索进展</source>
        <translation>Search progress</translation>
    </message>
</context>
<context>
    <name>PagedTableModel</name>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>演示</source>
        <translation>Demo</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>季报</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>{0}月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <source>第{0}周({1:%m-%d}至{2:%m-%d})</source>
        <translation>Week {0} ({1:%m-%d} to {2:%m-%d})</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>全部行</source>
        <translation>All rows</translation>
    </message>
    <message>
        <source>新增和修改</source>
        <translation>New and changed</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>筛选:名称、编号、内容…</source>
        <translation>Filter: name, code, content…</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>错误和警告</source>
        <translation>Errors and warnings</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>筛选:问题、内容、建议…</source>
        <translation>Filter: problem, content, suggestion…</translation>
    </message>
    <message>
        <source>列对应…</source>
        <translation>Column mapping…</translation>
    </message>
    <message>
        <source>指定文件中的每一列对应台账的哪一项</source>
        <translation>Say which ledger field each column of the file holds</translation>
    </message>
    <message>
        <source>批次/单位/期次…</source>
        <translation>Round/unit/period…</translation>
    </message>
    <message>
        <source>文件无法自动判断时,指定填报批次、报送单位或期次</source>
        <translation>When the file does not say, choose the reporting round, the reporting unit or the period</translation>
    </message>
    <message>
        <source>导出批注副本…</source>
        <translation>Export annotated copy…</translation>
    </message>
    <message>
        <source>写一份标出问题单元格并附批注的副本,可退回单位修改</source>
        <translation>Write a copy with the problem cells marked and commented, to send back to the unit</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入台账预览 — {0}</source>
        <translation>Registry import preview — {0}</translation>
    </message>
    <message>
        <source>导入预览 — {0}</source>
        <translation>Import preview — {0}</translation>
    </message>
    <message>
        <source>导入内容({0})</source>
        <translation>Rows ({0})</translation>
    </message>
    <message>
        <source>问题和提示({0})</source>
        <translation>Problems and notes ({0})</translation>
    </message>
    <message>
        <source>这个文件已在导入批次 {0} 中导入过;再次导入只会写入与数据库不同的内容。</source>
        <translation>This file was already imported in batch {0}; importing it again writes only what differs from the database.</translation>
    </message>
    <message>
        <source>有 {0} 处错误,相关的行不会导入。可“导出批注副本”退回单位修改,或先导入其余的行。</source>
        <translation>{0} errors: those rows will not be imported. “Export annotated copy” to send it back to the unit, or import the other rows first.</translation>
    </message>
    <message>
        <source>没有需要写入的新增或修改</source>
        <translation>Nothing new or changed to write</translation>
    </message>
    <message>
        <source>选中一行,查看逐项变化。</source>
        <translation>Select a row to see each change.</translation>
    </message>
    <message>
        <source>&lt;b&gt;文件&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;File&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;内容&lt;/b&gt; 台账(单位、项目、指标)</source>
        <translation>&lt;b&gt;Content&lt;/b&gt; registry (units, projects, indicators)</translation>
    </message>
    <message>
        <source>&lt;b&gt;报送单位&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Reporting unit&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;期次&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Period&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>jjjdesk 填报模板</source>
        <translation>jjjdesk reporting template</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#c8e6c9&apos;&gt;&amp;nbsp;新增 {0}&amp;nbsp;&lt;/span&gt;&amp;nbsp; &lt;span style=&apos;background:#bbdefb&apos;&gt;&amp;nbsp;修改 {1}&amp;nbsp;&lt;/span&gt;&amp;nbsp; &lt;span style=&apos;background:#eceff1&apos;&gt;&amp;nbsp;无变化 {2}&amp;nbsp;&lt;/span&gt;&amp;nbsp; &lt;span style=&apos;background:#ffcdd2&apos;&gt;&amp;nbsp;不导入 {3}&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp; 错误 {4} 处,警告 {5} 处</source>
        <translation>&lt;span style=&apos;background:#c8e6c9&apos;&gt;&amp;nbsp;New {0}&amp;nbsp;&lt;/span&gt;&amp;nbsp; &lt;span style=&apos;background:#bbdefb&apos;&gt;&amp;nbsp;Changed {1}&amp;nbsp;&lt;/span&gt;&amp;nbsp; &lt;span style=&apos;background:#eceff1&apos;&gt;&amp;nbsp;Unchanged {2}&amp;nbsp;&lt;/span&gt;&amp;nbsp; &lt;span style=&apos;background:#ffcdd2&apos;&gt;&amp;nbsp;Not imported {3}&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp; {4} errors, {5} warnings</translation>
    </message>
    <message>
        <source>工作表“{0}”第 {1} 行</source>
        <translation>Sheet “{0}”, row {1}</translation>
    </message>
    <message>
        <source>排除所选行</source>
        <translation>Leave out selected rows</translation>
    </message>
    <message>
        <source>所选的行不导入(可多选);导入后的批次中记为不导入</source>
        <translation>The selected rows are not imported (multiple selection); the batch records them as not imported</translation>
    </message>
    <message>
        <source>排除隐藏行</source>
        <translation>Leave out hidden rows</translation>
    </message>
    <message>
        <source>文件中被隐藏的行默认照常导入;如隐藏是为了作废,可在此全部排除</source>
        <translation>Rows the file hides are imported by default; if they were hidden to void them, leave them all out here</translation>
    </message>
    <message>
        <source>撤销排除</source>
        <translation>Undo leaving out</translation>
    </message>
    <message>
        <source>全部文件</source>
        <translation>All files</translation>
    </message>
    <message>
        <source>将附加</source>
        <translation>To attach</translation>
    </message>
    <message>
        <source>未附加的</source>
        <translation>Not attached</translation>
    </message>
    <message>
        <source>文件按序号或项目编号对应到行:如“3_现场照片.jpg”“XM-2024-001 合同.pdf”,或放在以项目编号命名的文件夹中。</source>
        <translation>Files are matched to rows by serial number or project code, e.g. &quot;3_site-photo.jpg&quot;, &quot;XM-2024-001 contract.pdf&quot;, or by a folder named after the project code.</translation>
    </message>
    <message>
        <source>佐证材料({0}/{1})</source>
        <translation>Evidence ({0}/{1})</translation>
    </message>
    <message>
        <source>&lt;b&gt;佐证材料&lt;/b&gt; 共 {0} 个,将附加 {1} 个</source>
        <translation>&lt;b&gt;Evidence&lt;/b&gt; {0} files, {1} to attach</translation>
    </message>
    <message>
        <source>&lt;b&gt;佐证材料&lt;/b&gt;</source>
        <translation>&lt;b&gt;Evidence&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>PreviewRowsModel</name>
    <message>
        <source>(空)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>期次</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>变化(原值 → 新值)或原因</source>
        <translation>Change (old → new) or reason</translation>
    </message>
    <message>
        <source>{0}·隐藏行</source>
        <translation>{0} · hidden row</translation>
    </message>
</context>
<context>
    <name>ProblemStateDialog</name>
    <message>
        <source>更改问题状态</source>
        <translation>Change problem state</translation>
    </message>
    <message>
        <source>协调情况;标记为已解决或销号时须说明如何解决</source>
        <translation>Coordination notes; when marking as resolved or closed, say how it was solved</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>当前状态</source>
        <translation>Current state</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>Change to</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>未解决(待协调、协调中)</source>
        <translation>Open (awaiting or under coordination)</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>问题和协调事项</source>
        <translation>Problems and coordination items</translation>
    </message>
    <message>
        <source>最早提出的在前</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <source>更改状态…</source>
        <translation>Change state…</translation>
    </message>
    <message>
        <source>事项历史…</source>
        <translation>Item history…</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>{0} 个问题</source>
        <translation>{0} problems</translation>
    </message>
    <message>
        <source>督办通知单…</source>
        <translation>Supervision notice…</translation>
    </message>
    <message>
        <source>为选中的未解决问题按责任单位生成督办通知单(.docx);可按住 Ctrl 多选</source>
        <translation>Write a supervision notice (.docx) per responsible unit for the selected open problems; hold Ctrl to select several</translation>
    </message>
    <message>
        <source>请先选中要督办的未解决问题(可按住 Ctrl 多选)。</source>
        <translation>Select the open problems to supervise first (hold Ctrl to select several).</translation>
    </message>
    <message>
        <source>督办通知单</source>
        <translation>Supervision notice</translation>
    </message>
    <message>
        <source>读取失败:{0}</source>
        <translation>Could not read the list: {0}</translation>
    </message>
    <message>
        <source>选中一个问题,在此查看和添加其佐证材料。</source>
        <translation>Select a problem to see and add its evidence files here.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>ProjectForm</name>
    <message>
        <source>(未指定)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>项目编号 *</source>
        <translation>Project code *</translation>
    </message>
    <message>
        <source>如 JJJ-2024-001</source>
        <translation>e.g. JJJ-2024-001</translation>
    </message>
    <message>
        <source>项目名称 *</source>
        <translation>Project name *</translation>
    </message>
    <message>
        <source>所在区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>所属任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>项目类型</source>
        <translation>Project kind</translation>
    </message>
    <message>
        <source>建设阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <source>如 新能源汽车和智能网联汽车</source>
        <translation>e.g. new-energy and connected vehicles</translation>
    </message>
    <message>
        <source>总投资(亿元)</source>
        <translation>Total investment (100 M yuan)</translation>
    </message>
    <message>
        <source>如 12.5</source>
        <translation>e.g. 12.5</translation>
    </message>
    <message>
        <source>年度计划投资(亿元)</source>
        <translation>Planned investment this year (100 M yuan)</translation>
    </message>
    <message>
        <source>如 3</source>
        <translation>e.g. 3</translation>
    </message>
    <message>
        <source>计划开工</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>年-月-日,如 2024-03-15</source>
        <translation>year-month-day, e.g. 2024-03-15</translation>
    </message>
    <message>
        <source>计划竣工</source>
        <translation>Planned completion</translation>
    </message>
    <message>
        <source>年-月-日,如 2026-12-31</source>
        <translation>year-month-day, e.g. 2026-12-31</translation>
    </message>
    <message>
        <source>项目简介</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>放弃未保存的修改</source>
        <translation>Discard unsaved changes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>共同牵头单位</source>
        <translation>Joint lead units</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Cooperating units</translation>
    </message>
</context>
<context>
    <name>ProjectsModel</name>
    <message>
        <source>项目编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>所在区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>总投资(亿元)</source>
        <translation>Total investment (100 M yuan)</translation>
    </message>
    <message>
        <source>年度计划(亿元)</source>
        <translation>Plan this year (100 M yuan)</translation>
    </message>
    <message>
        <source>计划开工</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划竣工</source>
        <translation>Planned completion</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>新增{0}</source>
        <translation>New {0}</translation>
    </message>
    <message>
        <source>编辑{0}</source>
        <translation>Edit {0}</translation>
    </message>
    <message>
        <source>(演示数据)</source>
        <translation>(demo data)</translation>
    </message>
    <message>
        <source>新增{0}“{1}”</source>
        <translation>Add {0} “{1}”</translation>
    </message>
    <message>
        <source>修改{0}“{1}”</source>
        <translation>Edit {0} “{1}”</translation>
    </message>
    <message>
        <source>该{0}已被他人删除;您的输入仍保留在表单中。</source>
        <translation>This {0} was deleted by someone else; your input is still in the form.</translation>
    </message>
    <message>
        <source>{0}“{1}”</source>
        <translation>{0} “{1}”</translation>
    </message>
    <message>
        <source>您的输入仍保留在表单中。</source>
        <translation>Your input is still in the form.</translation>
    </message>
    <message>
        <source>确定删除{0}“{1}”吗?
删除后可用“编辑 → 撤销”(Ctrl+Z)恢复。</source>
        <translation>Delete {0} “{1}”?
You can bring it back with Edit → Undo (Ctrl+Z).</translation>
    </message>
    <message>
        <source>删除{0}</source>
        <translation>Delete {0}</translation>
    </message>
    <message>
        <source>不能删除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <source>删除{0}“{1}”</source>
        <translation>Delete {0} “{1}”</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>record</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>放弃未保存的修改</source>
        <translation>Discard unsaved changes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ReminderDialog</name>
    <message>
        <source>催报通知 — {0}</source>
        <translation>Reminder — {0}</translation>
    </message>
    <message>
        <source>可直接修改下面的文字,再复制到通知或工作群。</source>
        <translation>Edit the text below as needed, then copy it into a notice or the work group chat.</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>生成 Word 通知…</source>
        <translation>Word notices…</translation>
    </message>
    <message>
        <source>为每个未报送的单位生成一份催报通知(.docx),列出其未报事项</source>
        <translation>Write one reminder notice (.docx) per unit that has not reported, listing its missing items</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>批次</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>可多选;通过后该条锁定</source>
        <translation>Several may be selected; an approved entry is locked</translation>
    </message>
    <message>
        <source>退回修改…</source>
        <translation>Return for changes…</translation>
    </message>
    <message>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>查看/编辑…</source>
        <translation>View/edit…</translation>
    </message>
    <message>
        <source>历史…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>修改并重新报送…</source>
        <translation>Edit and resubmit…</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>退回待改</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>{0} 条</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>{0} 条退回待改</source>
        <translation>{0} returned for changes</translation>
    </message>
    <message>
        <source>退回待改({0})</source>
        <translation>Returned ({0})</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Return for changes</translation>
    </message>
    <message>
        <source>退回“{0} {1}”给{2}。请写明修改意见(必填),填报单位会看到:</source>
        <translation>Return “{0} {1}” to {2}. Write what must change (required); the reporting unit will see it:</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>“{0} {1}”已审核锁定。重新打开后退回填报单位修改,请说明理由(必填):</source>
        <translation>“{0} {1}” is approved and locked. Reopening returns it to the reporting unit for changes; give the reason (required):</translation>
    </message>
    <message>
        <source>读取失败:{0}</source>
        <translation>Could not read the list: {0}</translation>
    </message>
</context>
<context>
    <name>RoundScheduler</name>
    <message>
        <source>已按批次计划创建填报批次:{0}</source>
        <translation>Rounds created by schedule: {0}</translation>
    </message>
    <message>
        <source>临期提醒:{0}</source>
        <translation>Due soon: {0}</translation>
    </message>
    <message>
        <source>京津冀协同发展督办台账</source>
        <translation>Beijing–Tianjin–Hebei supervision ledger</translation>
    </message>
    <message>
        <source>临期提醒</source>
        <translation>Due soon</translation>
    </message>
</context>
<context>
    <name>RoundsPage</name>
    <message>
        <source>新建批次…</source>
        <translation>New round…</translation>
    </message>
    <message>
        <source>全部批次</source>
        <translation>All rounds</translation>
    </message>
    <message>
        <source>催报…</source>
        <translation>Reminder…</translation>
    </message>
    <message>
        <source>生成尚未报送单位的催报通知(含联系人),可复制</source>
        <translation>Write a reminder to the units that have not reported (with contacts), ready to copy</translation>
    </message>
    <message>
        <source>整表填报…</source>
        <translation>Fill in as a sheet…</translation>
    </message>
    <message>
        <source>打开所选单位本批次的全部事项,像表格一样填写</source>
        <translation>Open all of the selected unit&apos;s items in this round and fill them in like a spreadsheet</translation>
    </message>
    <message>
        <source>关闭批次</source>
        <translation>Close round</translation>
    </message>
    <message>
        <source>关闭“{0}”后,其中的填报将冻结,不能再修改。确定关闭吗?</source>
        <translation>After “{0}” is closed its entries are frozen and can no longer be changed. Close it?</translation>
    </message>
    <message>
        <source>重新开放批次</source>
        <translation>Reopen round</translation>
    </message>
    <message>
        <source>请说明重新开放“{0}”的理由:</source>
        <translation>Give the reason for reopening “{0}”:</translation>
    </message>
    <message>
        <source>尚无填报批次,请先新建。</source>
        <translation>No reporting rounds yet; create one first.</translation>
    </message>
    <message>
        <source>{0} · 截止 {1:%Y-%m-%d} · {2}</source>
        <translation>{0} · due {1:%Y-%m-%d} · {2}</translation>
    </message>
    <message>
        <source>共 {0} 个单位、{1} 项:</source>
        <translation>{0} units, {1} items:</translation>
    </message>
    <message>
        <source>重新开放</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>催报通知</source>
        <translation>Reminder notice</translation>
    </message>
    <message>
        <source>批次计划…</source>
        <translation>Schedules…</translation>
    </message>
    <message>
        <source>按周、月、季自动创建填报批次的计划</source>
        <translation>Schedules that create weekly, monthly and quarterly rounds by themselves</translation>
    </message>
    <message>
        <source>报送情况</source>
        <translation>Submissions</translation>
    </message>
    <message>
        <source>读取失败:{0}</source>
        <translation>Could not read the list: {0}</translation>
    </message>
</context>
<context>
    <name>SchedulesDialog</name>
    <message>
        <source>批次计划</source>
        <translation>Round schedules</translation>
    </message>
    <message>
        <source>启用的计划在每期开始时自动创建该期的填报批次(打开软件时和运行中每15分钟检查一次),同一期不会重复创建。</source>
        <translation>An active schedule creates each period&apos;s round when the period begins (checked when the app starts and every 15 minutes while it runs); a period never gets two.</translation>
    </message>
    <message>
        <source>新增计划…</source>
        <translation>Add schedule…</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <source>现在就为到期的计划创建本期批次</source>
        <translation>Create this period&apos;s rounds of the due schedules now</translation>
    </message>
    <message>
        <source>临期提醒设置…</source>
        <translation>Due-soon setting…</translation>
    </message>
    <message>
        <source>截止前多少个工作日起提醒尚未报送的单位</source>
        <translation>How many working days before the deadline to remind units not yet in</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>已创建:{0}</source>
        <translation>Created: {0}</translation>
    </message>
    <message>
        <source>没有需要创建的批次。</source>
        <translation>No round needed creating.</translation>
    </message>
    <message>
        <source>临期提醒</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>工作日历…</source>
        <translation>Working-day calendar…</translation>
    </message>
    <message>
        <source>法定节假日之外的放假日和调休上班日</source>
        <translation>Days off and make-up working days beyond the statutory holidays</translation>
    </message>
</context>
<context>
    <name>ScorecardPage</name>
    <message>
        <source>按批次</source>
        <translation>By round</translation>
    </message>
    <message>
        <source>按期间</source>
        <translation>By span</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>季报</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>按排名</source>
        <translation>By rank</translation>
    </message>
    <message>
        <source>按时报送得分低的在前</source>
        <translation>Lowest on-time score first</translation>
    </message>
    <message>
        <source>完整性得分低的在前</source>
        <translation>Lowest completeness first</translation>
    </message>
    <message>
        <source>质量得分低的在前</source>
        <translation>Lowest quality first</translation>
    </message>
    <message>
        <source>进展得分低的在前</source>
        <translation>Lowest progress first</translation>
    </message>
    <message>
        <source>名次下降多的在前</source>
        <translation>Largest drop in rank first</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>权重设置…</source>
        <translation>Weights…</translation>
    </message>
    <message>
        <source>选中一个单位,查看各批次的报送、填报和红黄绿灯</source>
        <translation>Select a unit to see its submissions, entries and lights per round</translation>
    </message>
    <message>
        <source>还没有已关闭的填报批次:红黑榜只统计已关闭(冻结)的批次。</source>
        <translation>No closed reporting round yet: the scorecard counts closed (frozen) rounds only.</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>{0}:{1} 个单位,{2} 个已关闭批次;权重 {3}</source>
        <translation>{0}: {1} units, {2} closed rounds; weights {3}</translation>
    </message>
    <message>
        <source>;名次变化对比{0}</source>
        <translation>; rank changes against {0}</translation>
    </message>
    <message>
        <source>;未计入(尚未关闭):{0}</source>
        <translation>; not counted (still open): {0}</translation>
    </message>
    <message>
        <source>{0}:总分 {1},第 {2} 名</source>
        <translation>{0}: score {1}, rank {2}</translation>
    </message>
    <message>
        <source>{0}:{1};应报 {2} 项,已报 {3} 项,被退回 {4} 项;绿灯 {5}、黄灯 {6}、红灯 {7}、灰灯 {8}</source>
        <translation>{0}: {1}; {2} items due, {3} reported, {4} returned; green {5}, yellow {6}, red {7}, grey {8}</translation>
    </message>
    <message>
        <source>红黑榜权重</source>
        <translation>Scorecard weights</translation>
    </message>
    <message>
        <source>请先选择有已关闭批次的批次或期间。</source>
        <translation>Choose a round or span with closed rounds first.</translation>
    </message>
    <message>
        <source>导出红黑榜</source>
        <translation>Export scorecard</translation>
    </message>
    <message>
        <source>红黑榜({0}).xlsx</source>
        <translation>Scorecard ({0}).xlsx</translation>
    </message>
    <message>
        <source>红黑榜已导出</source>
        <translation>Scorecard exported</translation>
    </message>
    <message>
        <source>已导出 {0} 个单位的红黑榜。</source>
        <translation>Exported the scorecard of {0} units.</translation>
    </message>
    <message>
        <source>正在导出红黑榜…</source>
        <translation>Exporting the scorecard…</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>工作进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>需协调事项</source>
        <translation>Needs coordination</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review comment</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>重点项目</source>
        <translation>Key projects</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>要查找的文字;以空格分开的几个词须都出现</source>
        <translation>Text to find; words separated by spaces must all appear</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>查看/编辑…</source>
        <translation>View/edit…</translation>
    </message>
    <message>
        <source>在工作进展、存在问题、下步计划、需协调事项、审核意见中查找;按期次从新到旧排列,超过 {0} 条时只列最近录入的。</source>
        <translation>Searches progress, problems, next steps, needs coordination and review comments; newest period first, only the most recently stored when more than {0} match.</translation>
    </message>
    <message>
        <source>正在搜索…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>{0} 条填报</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>超过 {0} 条填报符合,只列出最近录入的 {0} 条;可再加一个词缩小范围。</source>
        <translation>More than {0} entries match; only the {0} most recently stored are listed. Add a word to narrow the search.</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>已删除本机保存的旧数据库密码(现在每人用本人账号登录)。</source>
        <translation>The old database password saved on this computer was deleted (everyone now signs in with their own account).</translation>
    </message>
</context>
<context>
    <name>StagedFiles</name>
    <message>
        <source>添加佐证材料…</source>
        <translation>Add evidence files…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>可选:延期申请函、情况说明、现场照片等,也可把文件拖到列表中</source>
        <translation>Optional: the request letter, an explanation, site photos…; you can also drop files onto the list</translation>
    </message>
    <message>
        <source>选择佐证材料</source>
        <translation>Choose evidence files</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <source>指定批次、单位和期次</source>
        <translation>Choose round, unit and period</translation>
    </message>
    <message>
        <source>(不属于填报批次)</source>
        <translation>(not in a reporting round)</translation>
    </message>
    <message>
        <source>(按文件内容判断)</source>
        <translation>(from the file)</translation>
    </message>
    <message>
        <source>指定期次</source>
        <translation>Choose period</translation>
    </message>
    <message>
        <source>“{0}”</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <source>填报批次:</source>
        <translation>Reporting round:</translation>
    </message>
    <message>
        <source>报送单位:</source>
        <translation>Reporting unit:</translation>
    </message>
    <message>
        <source>选择填报批次后,期次取该批次的期次。</source>
        <translation>With a reporting round chosen, the period is the round&apos;s.</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>年-月-日,如 2024-03-15</source>
        <translation>year-month-day, e.g. 2024-03-15</translation>
    </message>
    <message>
        <source>所属类别 *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <source>上级任务</source>
        <translation>Parent task</translation>
    </message>
    <message>
        <source>序号 *</source>
        <translation>Number *</translation>
    </message>
    <message>
        <source>任务名称 *</source>
        <translation>Task title *</translation>
    </message>
    <message>
        <source>任务内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Cooperating units</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>(无,一级任务)</source>
        <translation>(none: top-level task)</translation>
    </message>
    <message>
        <source>(未指定)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>与牵头单位共同牵头的单位:每期填报本单位承担部分的进展</source>
        <translation>Units leading jointly with the lead unit: each reports the progress of its own part every period</translation>
    </message>
    <message>
        <source>配合单位:每期填报本单位承担部分的进展</source>
        <translation>Cooperating units: each reports the progress of its own part every period</translation>
    </message>
    <message>
        <source>共同牵头单位</source>
        <translation>Joint lead units</translation>
    </message>
</context>
<context>
    <name>TasksModel</name>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Cooperating units</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>红黄绿灯设置</source>
        <translation>Lag light settings</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <source>多个别名用“、”或逗号分隔,如 市发改委、发改委</source>
        <translation>Separate several aliases with “、” or commas, e.g. 市发改委、发改委</translation>
    </message>
    <message>
        <source>单位名称 *</source>
        <translation>Unit name *</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Unit kind</translation>
    </message>
    <message>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>UnitReturnDialog</name>
    <message>
        <source>整表填报 — {0}</source>
        <translation>Sheet entry — {0}</translation>
    </message>
    <message>
        <source>直接输入即可编辑;Tab / Enter 移到下一格;可从 Excel 复制一块单元格后按 Ctrl+V 粘贴。红色为错误(不能保存),黄色为提醒;鼠标停在格子上可看说明。</source>
        <translation>Type to edit; Tab / Enter moves to the next cell; copy a block of cells in Excel and paste it with Ctrl+V. Red marks errors (cannot be saved), yellow marks warnings; hover over a cell for the explanation.</translation>
    </message>
    <message>
        <source>逐条填写…</source>
        <translation>One by one…</translation>
    </message>
    <message>
        <source>全部保存</source>
        <translation>Save all</translation>
    </message>
    <message>
        <source>保存并报送</source>
        <translation>Save and submit</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已粘贴 {0} 个单元格,尚未保存。</source>
        <translation>Pasted {0} cells, not saved yet.</translation>
    </message>
    <message>
        <source>有 {0} 处错误,改正后才能保存</source>
        <translation>{0} errors: correct them before saving</translation>
    </message>
    <message>
        <source>{0} 行已修改,尚未保存</source>
        <translation>{0} rows changed, not saved yet</translation>
    </message>
    <message>
        <source>未保存:有 {0} 处错误(红色格子),第一处:{1}</source>
        <translation>Not saved: {0} errors (red cells); the first: {1}</translation>
    </message>
    <message>
        <source>已保存 {0} 条</source>
        <translation>Saved {0} entries</translation>
    </message>
    <message>
        <source>,报送 {0} 条</source>
        <translation>, submitted {0}</translation>
    </message>
    <message>
        <source>整表</source>
        <translation>sheet</translation>
    </message>
    <message>
        <source>保存该行后可添加照片、PDF、Word、Excel 等佐证材料。</source>
        <translation>Save this row first, then add photos, PDF, Word, Excel and other evidence files.</translation>
    </message>
    <message>
        <source>配合进展</source>
        <translation>Cooperating parts</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>牵头任务</source>
        <translation>Lead on tasks</translation>
    </message>
    <message>
        <source>牵头项目</source>
        <translation>Lead on projects</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>编辑用户</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>(不绑定单位)</source>
        <translation>(no unit)</translation>
    </message>
    <message>
        <source>启用(可以登录)</source>
        <translation>Active (can sign in)</translation>
    </message>
    <message>
        <source>用户名:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>角色:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>所属单位:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>临时密码:</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>单位填报员必须绑定单位,只能填报本单位的事项。新用户首次登录时须修改临时密码(至少 10 位,含大小写字母、数字、符号中的三类)。</source>
        <translation>A unit reporter must belong to a unit and reports only its unit&apos;s items. New users change the temporary password at their first sign-in (at least 10 characters from three of: capitals, small letters, digits, signs).</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>(须改密码)</source>
        <translation>(must change password)</translation>
    </message>
    <message>
        <source>从未登录</source>
        <translation>Never</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>共 {0} 个账号。新用户首次登录须修改临时密码;单位填报员只能填报本单位的事项,只读用户不能修改任何数据。</source>
        <translation>{0} accounts. New users must change their temporary password at first sign-in; unit reporters can report only on their own unit&apos;s items, and read-only users cannot change any data.</translation>
    </message>
    <message>
        <source>本数据库尚无用户账号,当前以本机管理员身份使用。如需多人使用,请先“新增用户”创建一个管理员账号;有了账号之后,打开本数据库需要登录。</source>
        <translation>This database has no user accounts yet; you are working as the local administrator. For several people, first create an administrator account with “New user”; once accounts exist, opening this database requires signing in.</translation>
    </message>
    <message>
        <source>不能重置密码</source>
        <translation>Cannot reset the password</translation>
    </message>
    <message>
        <source>已重置“{0}”的密码。</source>
        <translation>The password of “{0}” was reset.</translation>
    </message>
    <message>
        <source>为“{0}”设置临时密码(至少 10 位,含大小写字母、数字、符号中的三类),对方下次登录时须修改:</source>
        <translation>Set a temporary password for “{0}” (at least 10 characters from three of: capitals, small letters, digits, signs); it must be changed at the next sign-in:</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>京津冀协同发展台账</source>
        <translation>Beijing–Tianjin–Hebei Coordination Ledger</translation>
    </message>
</context>
<context>
    <name>common</name>
    <message>
        <source>推进情况:{0}</source>
        <translation>Assessment: {0}</translation>
    </message>
    <message>
        <source>完成进度:{0}%</source>
        <translation>Completion: {0}%</translation>
    </message>
    <message>
        <source>本期投资:{0} 亿元</source>
        <translation>Investment this period: {0} × 100 M yuan</translation>
    </message>
    <message>
        <source>累计投资:{0} 亿元</source>
        <translation>Cumulative investment: {0} × 100 M yuan</translation>
    </message>
    <message>
        <source>工作进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>需协调事项</source>
        <translation>Needs coordination</translation>
    </message>
    <message>
        <source>累计投资说明</source>
        <translation>Cumulative investment note</translation>
    </message>
    <message>
        <source>导出当前列表</source>
        <translation>Export current list</translation>
    </message>
    <message>
        <source>导出日期:{0}年{1}月{2}日</source>
        <translation>Exported on {0}-{1:0&gt;2}-{2:0&gt;2}</translation>
    </message>
    <message>
        <source>    筛选:{0}</source>
        <translation>    Filter: {0}</translation>
    </message>
    <message>
        <source>列表已导出</source>
        <translation>List exported</translation>
    </message>
    <message>
        <source>已导出“{0}”:{1} 行。</source>
        <translation>Exported “{0}”: {1} rows.</translation>
    </message>
    <message>
        <source>正在导出“{0}”…</source>
        <translation>Exporting “{0}”…</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>未报送</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>按时报送({0})</source>
        <translation>On time ({0})</translation>
    </message>
    <message>
        <source>迟交{0}个工作日({1})</source>
        <translation>{0} working days late ({1})</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>休息日</source>
        <translation>Day off</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>请输入数据库密码(本机不保存密码)。</source>
        <extracomment>The login 测试连接 uses with 本人账号: never a role (logins are `&lt;prefix&gt;_u_…`/`_h_…`).</extracomment>
        <translation>Enter the database password (this computer stores no password).</translation>
    </message>
    <message>
        <source>请用本人的用户名和密码登录(服务器尚未执行 server init 时,请在“文件 → 连接服务器…”中选择“数据库账号”)。</source>
        <translation>Sign in with your own user name and password (if the server has not had server init yet, choose “Database account” in “File → Connect to server…”).</translation>
    </message>
</context>
<context>
    <name>dynamic</name>
    <message>
        <source>暂无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>灯</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible units</translation>
    </message>
    <message>
        <source>完成进度</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>计划时间已过</source>
        <translation>Time elapsed</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>jjjdesk 总览图表</source>
        <translation>jjjdesk overview charts</translation>
    </message>
    <message>
        <source>柱:最新值已完成 ◆:按趋势到目标年 红虚线:目标</source>
        <translation>Bar: achieved by the latest value  ◆: trend to the target year  red dashes: target</translation>
    </message>
    <message>
        <source>从基期到目标已完成(%,基期=0,目标=100)</source>
        <translation>% from baseline (0) to target (100)</translation>
    </message>
    <message>
        <source>计划累计投资</source>
        <translation>Planned cumulative investment</translation>
    </message>
    <message>
        <source>完成累计投资</source>
        <translation>Completed cumulative investment</translation>
    </message>
    <message>
        <source>累计投资(亿元)</source>
        <translation>Cumulative investment (100 M yuan)</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>任务和项目数(个)</source>
        <translation>Tasks and projects</translation>
    </message>
    <message>
        <source>对角线:进度与时间同步;线下方为滞后</source>
        <translation>Diagonal: work in step with time;
below it: lagging</translation>
    </message>
    <message>
        <source>平均完成进度(%)</source>
        <translation>Average completion (%)</translation>
    </message>
    <message>
        <source>计划时间已过(%)</source>
        <translation>Time elapsed (%)</translation>
    </message>
    <message>
        <source>全部方案</source>
        <translation>All plans</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>当前报告期</source>
        <translation>Current period</translation>
    </message>
    <message>
        <source>保存图片…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>把图表保存为 PNG 图片或 SVG 矢量图</source>
        <translation>Save the chart as a PNG image or an SVG vector image</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>把图表复制到剪贴板,可直接粘贴到文档</source>
        <translation>Copy the chart to the clipboard, ready to paste into a document</translation>
    </message>
    <message>
        <source>提出时间</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>问题或需协调事项</source>
        <translation>Problem or need</translation>
    </message>
    <message>
        <source>涉及任务/项目</source>
        <translation>Task/project</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>红黄绿灯(按类别)</source>
        <translation>Lights by category</translation>
    </message>
    <message>
        <source>时间过半、任务过半</source>
        <translation>Half the time, half the work</translation>
    </message>
    <message>
        <source>目标指标完成情况</source>
        <translation>Target indicators achieved</translation>
    </message>
    <message>
        <source>投资完成与计划</source>
        <translation>Investment vs plan</translation>
    </message>
    <message>
        <source>本轮各单位报送率</source>
        <translation>Reporting by unit</translation>
    </message>
    <message>
        <source>重点项目</source>
        <translation>Key projects</translation>
    </message>
    <message>
        <source>重点任务</source>
        <translation>Key tasks</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>indicator</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>project</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>task</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>搜索指标名称、计量单位,或拼音首字母</source>
        <translation>Search indicator names, measures or pinyin initials</translation>
    </message>
    <message>
        <source>显示 {0} / {1} 个指标</source>
        <translation>Showing {0} of {1} indicators</translation>
    </message>
    <message>
        <source>计划起止</source>
        <translation>Planned window</translation>
    </message>
    <message>
        <source>时间进度(%)</source>
        <translation>Time elapsed (%)</translation>
    </message>
    <message>
        <source>完成进度(%)</source>
        <translation>Completion (%)</translation>
    </message>
    <message>
        <source>落后(百分点)</source>
        <translation>Behind (points)</translation>
    </message>
    <message>
        <source>最近填报</source>
        <translation>Latest entry</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>提出</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>最近提及</source>
        <translation>Last mentioned</translation>
    </message>
    <message>
        <source>处理说明</source>
        <translation>Handling notes</translation>
    </message>
    <message>
        <source>搜索项目名称、编号、产业链,或拼音首字母(如 jxcj)</source>
        <translation>Search project names, codes, industry chains or pinyin initials (e.g. jxcj)</translation>
    </message>
    <message>
        <source>全部单位和区</source>
        <translation>All units and districts</translation>
    </message>
    <message>
        <source>全部阶段</source>
        <translation>All stages</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>显示 {0} / {1} 个项目</source>
        <translation>Showing {0} of {1} projects</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>报告期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>已报单位</source>
        <translation>Units reported</translation>
    </message>
    <message>
        <source>搜索任务名称、内容,或拼音首字母</source>
        <translation>Search task titles, contents or pinyin initials</translation>
    </message>
    <message>
        <source>显示 {0} / {1} 项任务</source>
        <translation>Showing {0} of {1} tasks</translation>
    </message>
    <message>
        <source>搜索单位名称、别名,或拼音首字母</source>
        <translation>Search unit names, aliases or pinyin initials</translation>
    </message>
    <message>
        <source>显示 {0} / {1} 个单位</source>
        <translation>Showing {0} of {1} units</translation>
    </message>
    <message>
        <source>已填/应填</source>
        <translation>Filled/due</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>最近报送</source>
        <translation>Last submitted</translation>
    </message>
    <message>
        <source>最近催报</source>
        <translation>Last reminded</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>推进情况</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>报送时间</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review comment</translation>
    </message>
    <message>
        <source>工作进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <source>办结时限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>通知联系人</source>
        <translation>Notice contact</translation>
    </message>
    <message>
        <source>协同办联系人及电话(印在通知上,可留空):</source>
        <translation>Office contact and phone (printed on the notice, may be empty):</translation>
    </message>
    <message>
        <source>选择保存{0}的文件夹</source>
        <translation>Choose the folder for the {0}</translation>
    </message>
    <message>
        <source>正在生成{0}…</source>
        <translation>Writing the {0}…</translation>
    </message>
    <message>
        <source>{0}已生成</source>
        <translation>{0} written</translation>
    </message>
    <message>
        <source>已生成 {0} 份{1}(Word 文档)。</source>
        <translation>{0} × {1} written (Word documents).</translation>
    </message>
    <message>
        <source>原定完成时限</source>
        <translation>Original due date</translation>
    </message>
    <message>
        <source>申请延期至</source>
        <translation>Extend until</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>申请时间</source>
        <translation>Requested at</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <source>较上期</source>
        <translation>Since last round</translation>
    </message>
    <message>
        <source>末位</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>连续两期末位</source>
        <translation>Last twice running</translation>
    </message>
    <message>
        <source>首位</source>
        <translation>First</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>名次变化</source>
        <translation>Rank change</translation>
    </message>
    <message>
        <source>按时报送</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>完整性</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>质量</source>
        <translation>Quality</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>扣分说明</source>
        <translation>Points lost</translation>
    </message>
    <message>
        <source>今天截止</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>{0} 个工作日后截止</source>
        <translation>due in {0} working days</translation>
    </message>
    <message>
        <source>{0}:{1}({2}),{3} 个单位尚未报送</source>
        <translation>{0}: {1} ({2}), {3} units not yet in</translation>
    </message>
    <message>
        <source>迟交</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>催报次数</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>周跟进</source>
        <translation>Weekly follow-up</translation>
    </message>
    <message>
        <source>月报告</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>季调度</source>
        <translation>Quarterly review</translation>
    </message>
    <message>
        <source>次月第 {0} 个工作日截止</source>
        <translation>Due on working day {0} of the next month</translation>
    </message>
    <message>
        <source>季度结束后第 {0} 个工作日截止</source>
        <translation>Due {0} working days after the quarter ends</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>最近创建</source>
        <translation>Last created</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>{0} 个单位</source>
        <translation>{0} units</translation>
    </message>
    <message>
        <source>本周一后第 {0} 个工作日截止</source>
        <translation>Due {0} working days after the week&apos;s Monday</translation>
    </message>
    <message>
        <source>本周一截止</source>
        <translation>Due on the week&apos;s Monday</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>调整为</source>
        <translation>Set to</translation>
    </message>
    <message>
        <source>基期({0}年):{1}</source>
        <translation>Baseline ({0}): {1}</translation>
    </message>
    <message>
        <source>最新({0}):{1}</source>
        <translation>Latest ({0}): {1}</translation>
    </message>
    <message>
        <source>目标({0}年):{1}</source>
        <translation>Target ({0}): {1}</translation>
    </message>
    <message>
        <source>已完成 {0:.1f}%</source>
        <translation>{0:.1f}% achieved</translation>
    </message>
    <message>
        <source>按已报数值的趋势,{0}年约为 {1}</source>
        <translation>On the trend of the reported values, about {1} in {0}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>,完成计划的 {0:.1f}%</source>
        <translation>, {0:.1f}% of plan</translation>
    </message>
    <message>
        <source>{0}
本期完成投资 {1:,.2f} 亿元
累计完成 {2:,.2f} 亿元;计划累计 {3:,.2f} 亿元{4}
年度计划投资 {5:,.2f} 亿元</source>
        <translation>{0}
Invested this period: {1:,.2f} (100 M yuan)
Cumulative: {2:,.2f}; planned cumulative: {3:,.2f}{4}
Annual plan: {5:,.2f} (100 M yuan)</translation>
    </message>
    <message>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>{0}
{1}:{2} 个(共 {3} 个)
点击查看清单</source>
        <translation>{0}
{1}: {2} of {3}
Click to see the list</translation>
    </message>
    <message>
        <source>落后 {0:.1f} 个百分点</source>
        <translation>{0:.1f} points behind</translation>
    </message>
    <message>
        <source>超前 {0:.1f} 个百分点</source>
        <translation>{0:.1f} points ahead</translation>
    </message>
    <message>
        <source>{0}
计划时间已过 {1:.1f}%,平均完成 {2:.1f}%({3})
共 {4} 项;点击查看该类别的项目</source>
        <translation>{0}
{1:.1f}% of the planned time elapsed, {2:.1f}% done on average ({3})
{4} items; click to see this category&apos;s items</translation>
    </message>
    <message>
        <source>{0}:{1}
已报 {2} / 应报 {3} 项,报送率 {4:.1f}%
点击查看该单位的项目</source>
        <translation>{0}: {1}
{2} of {3} items reported, reporting rate {4:.1f}%
Click to see this unit&apos;s items</translation>
    </message>
    <message>
        <source>{0} 报送率(%)</source>
        <translation>{0} reporting rate (%)</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>期次</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>摘录</source>
        <translation>Excerpt</translation>
    </message>
    <message>
        <source>目标指标</source>
        <translation>Target indicator</translation>
    </message>
    <message>
        <source>进展填报</source>
        <translation>Progress entry</translation>
    </message>
    <message>
        <source>填报批次</source>
        <translation>Reporting round</translation>
    </message>
    <message>
        <source>问题清单</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>问题办理记录</source>
        <translation>Problem action</translation>
    </message>
    <message>
        <source>导入批次</source>
        <translation>Import batch</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>方案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>任务类别</source>
        <translation>Task category</translation>
    </message>
    <message>
        <source>延期申请</source>
        <translation>Extension request</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence file</translation>
    </message>
    <message>
        <source>批次计划</source>
        <translation>Round schedule</translation>
    </message>
    <message>
        <source>催报记录</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>计划类型</source>
        <translation>Schedule kind</translation>
    </message>
    <message>
        <source>截止工作日</source>
        <translation>Deadline working day</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>催报人</source>
        <translation>Reminded by</translation>
    </message>
    <message>
        <source>连续密码错误次数</source>
        <translation>Failed sign-ins in a row</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>审批时间</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>上级任务</source>
        <translation>Parent task</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Supporting units</translation>
    </message>
    <message>
        <source>所在区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>产业链</source>
        <translation>Industry chain</translation>
    </message>
    <message>
        <source>总投资(亿元)</source>
        <translation>Total investment (100 M yuan)</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>年度计划投资(亿元)</source>
        <translation>Planned investment this year (100 M yuan)</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>计划开工</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划竣工</source>
        <translation>Planned completion</translation>
    </message>
    <message>
        <source>关联任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>关联项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>基期年份</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <source>基期值</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>目标年份</source>
        <translation>Target year</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Period kind</translation>
    </message>
    <message>
        <source>本期投资(亿元)</source>
        <translation>Investment this period (100 M yuan)</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>需协调事项</source>
        <translation>Coordination needs</translation>
    </message>
    <message>
        <source>填报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>填报单位</source>
        <translation>Reporting unit</translation>
    </message>
    <message>
        <source>审核状态</source>
        <translation>Review state</translation>
    </message>
    <message>
        <source>填报日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>审核时间</source>
        <translation>Reviewed at</translation>
    </message>
    <message>
        <source>累计投资说明</source>
        <translation>Cumulative investment note</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>解决情况</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>销号时间</source>
        <translation>Closed out at</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>须修改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created at</translation>
    </message>
    <message>
        <source>创建人</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>结束年份</source>
        <translation>End year</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>记录编号</source>
        <translation>Record no.</translation>
    </message>
    <message>
        <source>文件校验码</source>
        <translation>File checksum</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>校验码</source>
        <translation>Checksum</translation>
    </message>
    <message>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>关联指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>印发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>印发单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>设置项</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>最近填报期次</source>
        <translation>Latest period reported</translation>
    </message>
    <message>
        <source>前一校验码</source>
        <translation>Previous checksum</translation>
    </message>
    <message>
        <source>关联问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>提出期次</source>
        <translation>Raised in</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>催报时间</source>
        <translation>Reminded at</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>检索文本</source>
        <translation>Search text</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>来源行</source>
        <translation>Source row</translation>
    </message>
    <message>
        <source>来源工作表</source>
        <translation>Source sheet</translation>
    </message>
    <message>
        <source>开始年份</source>
        <translation>Start year</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>撤销时间</source>
        <translation>Undone at</translation>
    </message>
    <message>
        <source>撤销人</source>
        <translation>Undone by</translation>
    </message>
    <message>
        <source>修改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>分块数</source>
        <translation>Chunks</translation>
    </message>
    <message>
        <source>内容校验码</source>
        <translation>Content checksum</translation>
    </message>
    <message>
        <source>删除时间</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <source>删除人</source>
        <translation>Deleted by</translation>
    </message>
    <message>
        <source>填报版本</source>
        <translation>Entry version</translation>
    </message>
    <message>
        <source>文件类型</source>
        <translation>File type</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>上传人</source>
        <translation>Uploaded by</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>撤销的审计记录</source>
        <translation>Undone audit record</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>月度</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>半年</source>
        <translation>Half-yearly</translation>
    </message>
    <message>
        <source>(空)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>(删除)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <source>账号锁定</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>密码设置时间</source>
        <translation>Password set at</translation>
    </message>
    <message>
        <source>佐证</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>附件存储</source>
        <translation>Evidence file storage</translation>
    </message>
    <message>
        <source>关联延期申请</source>
        <translation>Extension request</translation>
    </message>
    <message>
        <source>文件内容数</source>
        <translation>Stored contents</translation>
    </message>
    <message>
        <source>牵头单位本期进展</source>
        <translation>Lead unit&apos;s progress this period</translation>
    </message>
    <message>
        <source>本单位配合进展</source>
        <translation>Our part&apos;s progress</translation>
    </message>
    <message>
        <source>本单位完成进度(%)</source>
        <translation>Our part&apos;s completion (%)</translation>
    </message>
    <message>
        <source>第{0}行“{1}”:完成进度请填写0到100之间的数字。</source>
        <translation>Row {0} &quot;{1}&quot;: completion must be a number from 0 to 100.</translation>
    </message>
    <message>
        <source>共同牵头单位</source>
        <translation>Joint lead units</translation>
    </message>
    <message>
        <source>填报时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>绘制图表超时(界面无响应),会议材料未生成完整,请重试。</source>
        <translation>Drawing the charts timed out (the window did not respond); the meeting pack is incomplete. Please try again.</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>导出审计检查点</source>
        <translation>Export audit checkpoint</translation>
    </message>
    <message>
        <source>签名公钥</source>
        <translation>Signing public key</translation>
    </message>
    <message>
        <source>链哈希</source>
        <translation>Chain hash</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>筛选条件</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>起始时间</source>
        <translation>From</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>休息日</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>配合进展</source>
        <translation>Cooperating part</translation>
    </message>
    <message>
        <source>指标值</source>
        <translation>Indicator value</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Closed out</translation>
    </message>
    <message>
        <source>工作日历</source>
        <translation>Working-day calendar</translation>
    </message>
    <message>
        <source>创建初始管理员 {name}</source>
        <translation>Initial administrator {name} created</translation>
    </message>
    <message>
        <source>新增用户 {name}</source>
        <translation>New user {name}</translation>
    </message>
    <message>
        <source>修改用户 {name}</source>
        <translation>User {name} changed</translation>
    </message>
    <message>
        <source>重置用户 {name} 的密码</source>
        <translation>Password of user {name} reset</translation>
    </message>
    <message>
        <source>用户 {name} 修改了密码</source>
        <translation>User {name} changed their password</translation>
    </message>
    <message>
        <source>用户 {name} 登录</source>
        <translation>User {name} signed in</translation>
    </message>
    <message>
        <source>以用户名“{name}”登录失败:密码错误</source>
        <translation>Sign-in as “{name}” failed: wrong password</translation>
    </message>
    <message>
        <source>以用户名“{name}”登录失败:用户名不存在</source>
        <translation>Sign-in as “{name}” failed: no such user name</translation>
    </message>
    <message>
        <source>以用户名“{name}”登录失败:账号已停用</source>
        <translation>Sign-in as “{name}” failed: the account is disabled</translation>
    </message>
    <message>
        <source>以用户名“{name}”登录失败:账号已锁定,拒绝登录</source>
        <translation>Sign-in as “{name}” failed: the account is locked, sign-in refused</translation>
    </message>
    <message>
        <source>以用户名“{name}”登录失败:密码连续输错 {count} 次,账号锁定至 {time}</source>
        <translation>Sign-in as “{name}” failed: wrong password {count} times in a row, account locked until {time}</translation>
    </message>
    <message>
        <source>新增单位 {name}</source>
        <translation>New unit {name}</translation>
    </message>
    <message>
        <source>修改单位 {name}</source>
        <translation>Unit {name} changed</translation>
    </message>
    <message>
        <source>删除单位 {name}</source>
        <translation>Unit {name} deleted</translation>
    </message>
    <message>
        <source>新增任务 {title}</source>
        <translation>New task {title}</translation>
    </message>
    <message>
        <source>修改任务 {title}</source>
        <translation>Task {title} changed</translation>
    </message>
    <message>
        <source>删除任务 {title}</source>
        <translation>Task {title} deleted</translation>
    </message>
    <message>
        <source>新增项目 {name}</source>
        <translation>New project {name}</translation>
    </message>
    <message>
        <source>修改项目 {name}</source>
        <translation>Project {name} changed</translation>
    </message>
    <message>
        <source>删除项目 {name}</source>
        <translation>Project {name} deleted</translation>
    </message>
    <message>
        <source>新增指标 {name}</source>
        <translation>New indicator {name}</translation>
    </message>
    <message>
        <source>修改指标 {name}</source>
        <translation>Indicator {name} changed</translation>
    </message>
    <message>
        <source>删除指标 {name}</source>
        <translation>Indicator {name} deleted</translation>
    </message>
    <message>
        <source>导入台账时新增方案 {name}</source>
        <translation>New plan {name} from a registry import</translation>
    </message>
    <message>
        <source>导入台账时新增类别{category}</source>
        <translation>New category {category} from a registry import</translation>
    </message>
    <message>
        <source>创建填报批次 {name}</source>
        <translation>Reporting round {name} created</translation>
    </message>
    <message>
        <source>关闭填报批次 {name}</source>
        <translation>Reporting round {name} closed</translation>
    </message>
    <message>
        <source>重新开放填报批次 {name}</source>
        <translation>Reporting round {name} reopened</translation>
    </message>
    <message>
        <source>新增批次计划 {name}</source>
        <translation>New round schedule {name}</translation>
    </message>
    <message>
        <source>修改批次计划 {name}</source>
        <translation>Round schedule {name} changed</translation>
    </message>
    <message>
        <source>暂停批次计划 {name}</source>
        <translation>Round schedule {name} paused</translation>
    </message>
    <message>
        <source>恢复批次计划 {name}</source>
        <translation>Round schedule {name} resumed</translation>
    </message>
    <message>
        <source>催报 {round}:{count} 个单位({channel})</source>
        <translation>Reminder for {round}: {count} units ({channel})</translation>
    </message>
    <message>
        <source>填报 {title} {period}</source>
        <translation>Entry saved: {title}, {period}</translation>
    </message>
    <message>
        <source>填报 {title} {period}(整表保存)</source>
        <translation>Entry saved: {title}, {period} (whole-sheet save)</translation>
    </message>
    <message>
        <source>报送 {title} {period}</source>
        <translation>Submitted: {title}, {period}</translation>
    </message>
    <message>
        <source>审核通过 {title} {period}</source>
        <translation>Approved: {title}, {period}</translation>
    </message>
    <message>
        <source>退回修改 {title} {period}</source>
        <translation>Returned for changes: {title}, {period}</translation>
    </message>
    <message>
        <source>重新打开 {title} {period}</source>
        <translation>Reopened: {title}, {period}</translation>
    </message>
    <message>
        <source>填报{name}的配合进展</source>
        <translation>Cooperating progress on {name} entered</translation>
    </message>
    <message>
        <source>修改{name}的配合进展</source>
        <translation>Cooperating progress on {name} changed</translation>
    </message>
    <message>
        <source>申请延期:{title},由{from_day}延至{to_day}</source>
        <translation>Extension requested: {title}, from {from_day} to {to_day}</translation>
    </message>
    <message>
        <source>批准延期:{title},完成时限由{from_day}调整为{to_day}</source>
        <translation>Extension approved: {title}, due date moved from {from_day} to {to_day}</translation>
    </message>
    <message>
        <source>不批准延期:{title}</source>
        <translation>Extension refused: {title}</translation>
    </message>
    <message>
        <source>新增{problem_kind}:{text}</source>
        <translation>New {problem_kind}: {text}</translation>
    </message>
    <message>
        <source>删除已不再提出的问题</source>
        <translation>Problem no longer raised deleted</translation>
    </message>
    <message>
        <source>问题{old_state}→{new_state}:{text}</source>
        <translation>Problem {old_state} → {new_state}: {text}</translation>
    </message>
    <message>
        <source>交办问题给{unit},办结时限{due}:{text}</source>
        <translation>Problem assigned to {unit}, due {due}: {text}</translation>
    </message>
    <message>
        <source>交办问题给{unit}({person}),办结时限{due}:{text}</source>
        <translation>Problem assigned to {unit} ({person}), due {due}: {text}</translation>
    </message>
    <message>
        <source>问题{step}:{text}:{note}</source>
        <translation>Problem {step}: {text}: {note}</translation>
    </message>
    <message>
        <source>添加佐证材料“{file}”({size})到{owner} {owner_id}</source>
        <translation>Evidence “{file}” ({size}) added to {owner} {owner_id}</translation>
    </message>
    <message>
        <source>删除{owner} {owner_id}的佐证材料“{file}”</source>
        <translation>Evidence “{file}” of {owner} {owner_id} deleted</translation>
    </message>
    <message>
        <source>清理未被任何佐证材料使用的文件内容 {count} 个,共 {size}</source>
        <translation>{count} stored files no evidence uses cleaned up, {size} in all</translation>
    </message>
    <message>
        <source>导入“{file}”:新增 {created} 条,修改 {updated} 条</source>
        <translation>Imported “{file}”: {created} new, {updated} changed</translation>
    </message>
    <message>
        <source>导入“{file}”:新增 {created} 条,修改 {updated} 条,附加佐证材料 {files} 个</source>
        <translation>Imported “{file}”: {created} new, {updated} changed, {files} evidence files attached</translation>
    </message>
    <message>
        <source>撤销导入“{file}”(批次 {batch})</source>
        <translation>Import of “{file}” undone (batch {batch})</translation>
    </message>
    <message>
        <source>撤销:{summary}</source>
        <translation>Undone: {summary}</translation>
    </message>
    <message>
        <source>修改设置 {setting}:{old} → {new}</source>
        <translation>Setting {setting} changed: {old} → {new}</translation>
    </message>
    <message>
        <source>工作日历:{day} 设为{day_kind}</source>
        <translation>Work calendar: {day} set to {day_kind}</translation>
    </message>
    <message>
        <source>工作日历:{day} 设为{day_kind}({note})</source>
        <translation>Work calendar: {day} set to {day_kind} ({note})</translation>
    </message>
    <message>
        <source>工作日历:取消 {day} 的调整(原为{day_kind})</source>
        <translation>Work calendar: change of {day} removed (was {day_kind})</translation>
    </message>
    <message>
        <source>从备份 {file} 恢复数据库</source>
        <translation>Database restored from backup {file}</translation>
    </message>
    <message>
        <source>从备份 {file} 恢复数据库(恢复前的数据库已另存为 {kept})</source>
        <translation>Database restored from backup {file} (the database as it was saved as {kept})</translation>
    </message>
    <message>
        <source>导出审计检查点:至第 {last} 条,共 {count} 条</source>
        <translation>Audit checkpoint exported: up to event {last}, {count} events</translation>
    </message>
    <message>
        <source>导出审计日志 {count} 条到 {file}</source>
        <translation>{count} audit events exported to {file}</translation>
    </message>
    <message>
        <source>载入演示数据</source>
        <translation>Demo data loaded</translation>
    </message>
    <message>
        <source>载入演示进展填报 {count} 条</source>
        <translation>{count} demo progress entries loaded</translation>
    </message>
    <message>
        <source>载入演示填报历史:{rounds} 个批次</source>
        <translation>Demo reporting history loaded: {rounds} rounds</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>复制催报</source>
        <translation>copied reminder</translation>
    </message>
    <message>
        <source>导出通知单</source>
        <translation>exported notice</translation>
    </message>
    <message>
        <source>命令行</source>
        <translation>command line</translation>
    </message>
</context>
<context>
    <name>enums</name>
    <message>
        <source>市级部门</source>
        <translation>Municipal department</translation>
    </message>
    <message>
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>承接疏解</source>
        <translation>Relocation from Beijing</translation>
    </message>
    <message>
        <source>基础设施</source>
        <translation>Infrastructure</translation>
    </message>
    <message>
        <source>产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>公共服务</source>
        <translation>Public services</translation>
    </message>
    <message>
        <source>生态环境</source>
        <translation>Ecology &amp; environment</translation>
    </message>
    <message>
        <source>科技创新</source>
        <translation>Science &amp; innovation</translation>
    </message>
    <message>
        <source>谋划</source>
        <translation>Planning</translation>
    </message>
    <message>
        <source>签约</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>开工</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>在建</source>
        <translation>Under construction</translation>
    </message>
    <message>
        <source>竣工</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>投产</source>
        <translation>In production</translation>
    </message>
    <message>
        <source>运营</source>
        <translation>Operating</translation>
    </message>
    <message>
        <source>越大越好</source>
        <translation>Higher is better</translation>
    </message>
    <message>
        <source>越小越好</source>
        <translation>Lower is better</translation>
    </message>
    <message>
        <source>正常推进</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>滞后</source>
        <translation>Lagging</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>手工填报</source>
        <translation>Manual entry</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>未报</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>已报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>需协调事项</source>
        <translation>Needs coordination</translation>
    </message>
    <message>
        <source>待协调</source>
        <translation>Awaiting coordination</translation>
    </message>
    <message>
        <source>协调中</source>
        <translation>Being coordinated</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Closed out</translation>
    </message>
    <message>
        <source>绿灯</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>黄灯</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>红灯</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>灰灯</source>
        <translation>Grey</translation>
    </message>
    <message>
        <source>未评价</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>交办</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>协调</source>
        <translation>Coordinated</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>未批准</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>Cooperating</translation>
    </message>
    <message>
        <source>共同牵头</source>
        <translation>Joint lead</translation>
    </message>
</context>
<context>
    <name>lights</name>
    <message>
        <source>未设置计划起止时间,不评价</source>
        <extracomment>The phrases of `domain.lag.assess`, `services.extensions.extension_note` and `services.lag.light_changes`; {0} stands for a figure, a period or a day.</extracomment>
        <translation>No planned start and end: not assessed</translation>
    </message>
    <message>
        <source>已完成({0}报告)</source>
        <translation>Done (reported {0})</translation>
    </message>
    <message>
        <source>{0}应报未报</source>
        <translation>{0} report missing</translation>
    </message>
    <message>
        <source>尚无填报</source>
        <translation>nothing reported yet</translation>
    </message>
    <message>
        <source>最近一次为{0}</source>
        <translation>last reported {0}</translation>
    </message>
    <message>
        <source>计划尚未开始({0}开始)</source>
        <translation>Not started yet (starts {0})</translation>
    </message>
    <message>
        <source>已超过计划完成时间({0})</source>
        <translation>Past the planned completion ({0})</translation>
    </message>
    <message>
        <source>尚未报告完成进度</source>
        <translation>no completion reported</translation>
    </message>
    <message>
        <source>计划周期已过{0}%</source>
        <translation>{0}% of the planned window elapsed</translation>
    </message>
    <message>
        <source>未填完成进度</source>
        <translation>no completion figure</translation>
    </message>
    <message>
        <source>自评滞后</source>
        <translation>self-assessed as lagging</translation>
    </message>
    <message>
        <source>完成{0}%</source>
        <translation>{0}% done</translation>
    </message>
    <message>
        <source>落后{0}个百分点</source>
        <translation>{0} points behind</translation>
    </message>
    <message>
        <source>超前{0}个百分点</source>
        <translation>{0} points ahead</translation>
    </message>
    <message>
        <source>与计划同步</source>
        <translation>on schedule</translation>
    </message>
    <message>
        <source>已批准延期至{0}</source>
        <translation>extension approved to {0}</translation>
    </message>
    <message>
        <source>原定{0}</source>
        <translation>originally {0}</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>新增红灯</source>
        <translation>newly red</translation>
    </message>
    <message>
        <source>红转黄</source>
        <translation>red to yellow</translation>
    </message>
    <message>
        <source>转绿</source>
        <translation>turned green</translation>
    </message>
    <message>
        <source>转黄</source>
        <translation>turned yellow</translation>
    </message>
    <message>
        <source>连续{0}期滞后</source>
        <translation>lagging {0} rounds running</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>导出审计日志</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>(只打印前 {0} 行;完整列表请导出 Excel)</source>
        <translation>(only the first {0} rows are printed; export to Excel for the whole list)</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>协同办工作人员</source>
        <translation>Coordination office staff</translation>
    </message>
    <message>
        <source>单位填报员</source>
        <translation>Unit reporter</translation>
    </message>
    <message>
        <source>只读(领导)</source>
        <translation>Read-only (leader)</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <source>安全管理员</source>
        <translation>Security administrator</translation>
    </message>
    <message>
        <source>安全审计员</source>
        <translation>Security auditor</translation>
    </message>
</context>
<context>
    <name>rounds</name>
    <message>
        <source>末位</source>
        <extracomment>Words of the service shown through `common.tr`: the flags and the parts&apos; names.</extracomment>
        <translation>Last</translation>
    </message>
    <message>
        <source>连续两期末位</source>
        <translation>Last twice running</translation>
    </message>
    <message>
        <source>首位</source>
        <translation>First</translation>
    </message>
    <message>
        <source>有未报送批次</source>
        <translation>Missed a round</translation>
    </message>
    <message>
        <source>按时报送</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>完整性</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>质量</source>
        <translation>Quality</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>数据库为空,已载入演示数据(标记为“演示”)。</source>
        <translation>The database was empty: demo data was loaded (marked “Demo”).</translation>
    </message>
    <message>
        <source>未打开数据库</source>
        <translation>No database open</translation>
    </message>
    <message>
        <source>正在登录服务器…</source>
        <translation>Signing in to the server…</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>绿灯容差(百分点)</source>
        <translation>Green tolerance (percentage points)</translation>
    </message>
    <message>
        <source>完成进度落后于时间进度不超过此值为绿灯</source>
        <translation>Green when completion lags the time elapsed by no more than this</translation>
    </message>
    <message>
        <source>红灯差距(百分点)</source>
        <translation>Red gap (percentage points)</translation>
    </message>
    <message>
        <source>完成进度落后于时间进度达到此值为红灯,介于两者之间为黄灯</source>
        <translation>Red when completion lags the time elapsed by this much or more; yellow in between</translation>
    </message>
    <message>
        <source>红黄绿灯依据的填报周期</source>
        <translation>Reporting cycle the lights use</translation>
    </message>
    <message>
        <source>按哪一类期次的最新填报计算完成进度</source>
        <translation>Which kind of period’s latest entry gives the completion</translation>
    </message>
    <message>
        <source>报送宽限天数</source>
        <translation>Grace days for reporting</translation>
    </message>
    <message>
        <source>期次结束后多少天内未报送仍不算缺报(不显示灰灯)</source>
        <translation>Days after a period ends before a missing entry counts as missing (grey light)</translation>
    </message>
    <message>
        <source>红黑榜权重:按时报送</source>
        <translation>Scorecard weight: on time</translation>
    </message>
    <message>
        <source>按期报送的批次占比在总分中的权重</source>
        <translation>Weight in the score of the share of rounds submitted by the deadline</translation>
    </message>
    <message>
        <source>红黑榜权重:完整性</source>
        <translation>Scorecard weight: completeness</translation>
    </message>
    <message>
        <source>应报事项中已报送的占比在总分中的权重</source>
        <translation>Weight in the score of the share of due items reported</translation>
    </message>
    <message>
        <source>红黑榜权重:质量</source>
        <translation>Scorecard weight: quality</translation>
    </message>
    <message>
        <source>填报未被退回修改的占比在总分中的权重</source>
        <translation>Weight in the score of the share of entries never returned for revision</translation>
    </message>
    <message>
        <source>红黑榜权重:进展</source>
        <translation>Scorecard weight: progress</translation>
    </message>
    <message>
        <source>绿灯事项占比减红灯事项占比在总分中的权重</source>
        <translation>Weight in the score of the share of green items minus the share of red items</translation>
    </message>
    <message>
        <source>临期提醒(工作日)</source>
        <translation>Due-soon reminder (working days)</translation>
    </message>
    <message>
        <source>截止前多少个工作日起,在首页和系统托盘提醒尚未报送的单位</source>
        <translation>How many working days before a deadline the home page and the tray name the units not yet in</translation>
    </message>
    <message>
        <source>台账正文字体</source>
        <translation>Ledger body font</translation>
    </message>
    <message>
        <source>导出台账(含会议材料中的台账)正文使用的字体</source>
        <translation>Font of the body text in exported project and task ledgers (including those in the meeting pack)</translation>
    </message>
    <message>
        <source>台账标题字体</source>
        <translation>Ledger title font</translation>
    </message>
    <message>
        <source>导出台账的标题使用的字体</source>
        <translation>Font of the title of exported ledgers</translation>
    </message>
    <message>
        <source>宋体</source>
        <translation>SimSun</translation>
    </message>
    <message>
        <source>仿宋</source>
        <translation>FangSong</translation>
    </message>
    <message>
        <source>微软雅黑</source>
        <translation>Microsoft YaHei</translation>
    </message>
    <message>
        <source>黑体</source>
        <translation>SimHei</translation>
    </message>
    <message>
        <source>楷体</source>
        <translation>KaiTi</translation>
    </message>
    <message>
        <source>方正小标宋简体</source>
        <translation>FZ XiaoBiaoSong</translation>
    </message>
    <message>
        <source>投资核对容差(万元)</source>
        <translation>Investment tolerance (10k yuan)</translation>
    </message>
    <message>
        <source>累计、本期与上期累计、总投资之间相差不超过此值时视为一致,不提示;填报、整表填报和导入同用此值</source>
        <translation>Cumulative, this period, last cumulative and total investment that differ by no more than this agree and are not questioned; entry, the sheet and imports all use it</translation>
    </message>
    <message>
        <source>口令有效期(天)</source>
        <translation>Password lifetime (days)</translation>
    </message>
    <message>
        <source>密码设置后超过此天数,登录时须先修改密码;0 为永不过期</source>
        <translation>After this many days a password must be changed at sign-in; 0 = never expires</translation>
    </message>
    <message>
        <source>空闲锁定(分钟)</source>
        <translation>Idle lock (minutes)</translation>
    </message>
    <message>
        <source>多少分钟无键盘鼠标操作后锁定窗口,须重新输入密码;0 为不锁定(仅对有用户账号的数据库)</source>
        <translation>Minutes without keyboard or mouse input before the window locks and asks for the password again; 0 = off (only for databases with user accounts)</translation>
    </message>
    <message>
        <source>佐证材料大小上限(MB)</source>
        <translation>Evidence file size limit (MB)</translation>
    </message>
    <message>
        <source>每个佐证材料文件不得超过此大小;填报、审核、整表填报和命令行同用此值</source>
        <translation>No evidence file may be larger than this; the entry form, review, the whole-return grid and the command line all use this value</translation>
    </message>
</context>
<context>
    <name>watcher</name>
    <message>
        <source>{0}正在重试…</source>
        <extracomment>Where the English of a word slot is (services.audit_summaries.WORD_SLOTS), first found wins.</extracomment>
        <translation>{0} Retrying…</translation>
    </message>
    <message>
        <source>已重新连接数据库服务器。</source>
        <translation>Reconnected to the database server.</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
</TS>
