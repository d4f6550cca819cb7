package com.enrollflow.reference;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Subject (科目); staff also write the one-character short form (数, 英 …). */
@CodeName("科目")
public enum Subject implements Coded {
    CHINESE("语文", "语"),
    MATH("数学", "数"),
    ENGLISH("英语", "英"),
    PHYSICS("物理", "物"),
    CHEMISTRY("化学", "化"),
    BIOLOGY("生物", "生"),
    HISTORY("历史", "史"),
    GEOGRAPHY("地理", "地"),
    POLITICS("政治", "政", "道德与法治", "道法"),
    ALL("全科", "全部科目", "各科");

    private final String label;
    private final List<String> aliases;

    Subject(String label, String... aliases) {
        this.label = label;
        this.aliases = List.of(aliases);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
